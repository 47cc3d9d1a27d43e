import { UsageQueryError } from './usage-query.error';
import type { UsageRequestsPage, UsageRow } from './usage-query.types';

/**
 * Keyset position in the newest-first order (timestamp desc, id desc). Both values are immutable per
 * row and `id` is unique, so every row that exists while a client pages is returned exactly once,
 * whatever is inserted meanwhile (unlike OFFSET paging).
 */
export interface RequestCursor {
  timestamp: number;
  id: number;
  /**
   * Start (epoch ms) of the range the first page was read with, or null (a v1 cursor). A client that
   * leaves `from` to its default (24 hours before now) keeps this start on later pages: a default worked
   * out again at each page would slide past rows that still exist.
   */
  from: number | null;
}

const V1 = 'v1.';
const V2 = 'v2.';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** The latest instant a `Date` holds (ECMAScript's time value range): past it `toISOString()` throws. */
const MAX_TIME_MS = 8.64e15;

export function encodeCursor(cursor: RequestCursor): string {
  const from = cursor.from === null ? '' : `:${cursor.from}`;
  return V2 + Buffer.from(`${cursor.timestamp}:${cursor.id}${from}`, 'utf8').toString('base64url');
}

/** A token returned as `next_cursor` (v2, or v1 from before the range was kept); anything else is a 400. */
export function decodeCursor(token: string): RequestCursor {
  const invalid = new UsageQueryError('cursor', 'cursor is not a value returned as next_cursor');
  const version = token.slice(0, V1.length);
  if (version !== V1 && version !== V2) throw invalid;
  const body = token.slice(version.length);
  const text = Buffer.from(body, 'base64url').toString();
  // The decoder skips characters outside the alphabet: a mangled token must not read as another position.
  if (!BASE64URL.test(body) || Buffer.from(text, 'utf8').toString('base64url') !== body) throw invalid;
  const pattern = version === V1 ? /^(\d{1,16}):(\d{1,16})$/ : /^(\d{1,16}):(\d{1,16})(?::(\d{1,16}))?$/;
  const match = pattern.exec(text);
  if (!match) throw invalid;
  const [timestamp, id, from] = [match[1], match[2], match[3]].map((part) =>
    part === undefined ? null : Number(part),
  );
  if (!isTime(timestamp) || !Number.isSafeInteger(id)) throw invalid;
  if (from !== null && !isTime(from)) throw invalid;
  return { timestamp: timestamp!, id: id!, from: from ?? null };
}

function isTime(value: number | null | undefined): boolean {
  return Number.isSafeInteger(value) && value! <= MAX_TIME_MS;
}

/**
 * One page of `/usage/requests` from rows fetched with `LIMIT limit + 1`, newest first: the extra row
 * only says whether another page exists, and the cursor points after the page's last row and keeps the
 * range's start.
 */
export function toRequestsPage(rows: UsageRow[], limit: number, from: Date): UsageRequestsPage {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const hasMore = rows.length > limit && last !== undefined;
  // The ledger holds nothing before 1970: a range starting earlier is kept as starting then.
  const start = Math.max(0, from.getTime());
  const next = hasMore
    ? encodeCursor({ timestamp: Date.parse(last.timestamp), id: last.id, from: start })
    : null;
  return { rows: page, next_cursor: next };
}
