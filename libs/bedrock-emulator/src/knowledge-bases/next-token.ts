import { createHash } from 'node:crypto';
import { EmulatorError } from '../errors/emulator-error';

/**
 * Retrieve's `nextToken`: opaque to callers, base64url of `{o: offset, f: fingerprint}`. The fingerprint ties
 * the token to its query (knowledge base, text, search type, filter), so a token reused with another query is
 * rejected rather than silently paging something else. Knowledge bases never change after load and ties sort
 * by chunk order, so the ranking a token points into is the same on every call: no repeats, no gaps.
 */
export function queryFingerprint(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeNextToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

/** The offset a token resumes at; a ValidationException when it is malformed or belongs to another query. */
export function decodeNextToken(token: string, fingerprint: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (typeof decoded !== 'object' || decoded === null) throw invalidToken();
  const { o: offset, f: tokenFingerprint } = decoded as { o?: unknown; f?: unknown };
  if (
    typeof offset !== 'number' ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    tokenFingerprint !== fingerprint
  ) {
    throw invalidToken();
  }
  return offset;
}

function invalidToken(): EmulatorError {
  return EmulatorError.validation('The provided nextToken is invalid or does not belong to this query.');
}
