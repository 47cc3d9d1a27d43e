import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Printable ASCII (space included), 1..128 chars (API.md: the caller's own id when it sent a sane one). */
const SANE_REQUEST_ID = /^[\x20-\x7e]{1,128}$/;

/**
 * The caller's `x-request-id` when it is sane, else a new id. Node joins repeated headers with `, `, so a
 * value with a comma is looked up header by header: two ids are not one, and the first is kept.
 */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  let value = Array.isArray(header) ? header[0] : header;
  if (value?.includes(',')) value = request.headersDistinct['x-request-id']?.[0];
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
