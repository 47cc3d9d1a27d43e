import { UsageQueryError } from './usage-query.error';

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
