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
}

const PREFIX = 'v1.';

export function encodeCursor(cursor: RequestCursor): string {
  return PREFIX + Buffer.from(`${cursor.timestamp}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(token: string): RequestCursor {
  const invalid = new UsageQueryError('cursor', 'cursor is not a value returned as next_cursor');
  if (!token.startsWith(PREFIX)) throw invalid;
  const match = /^(\d{1,16}):(\d{1,16})$/.exec(
    Buffer.from(token.slice(PREFIX.length), 'base64url').toString(),
  );
  if (!match) throw invalid;
  const timestamp = Number(match[1]);
  const id = Number(match[2]);
  if (!Number.isSafeInteger(timestamp) || !Number.isSafeInteger(id)) throw invalid;
  return { timestamp, id };
}

/**
 * One page of `/usage/requests` from rows fetched with `LIMIT limit + 1`, newest first: the extra row
 * only says whether another page exists, and the cursor points after the page's last row.
 */
export function toRequestsPage(rows: UsageRow[], limit: number): UsageRequestsPage {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const hasMore = rows.length > limit && last !== undefined;
  return {
    rows: page,
    next_cursor: hasMore ? encodeCursor({ timestamp: Date.parse(last.timestamp), id: last.id }) : null,
  };
}
