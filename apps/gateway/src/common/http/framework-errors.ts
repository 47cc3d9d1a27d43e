import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../errors/api-error';
import { errorEnvelope } from '../errors/error-envelope';

/** Longest path parameter, decoded: an account-scoped inference-profile ARN is ~100–200 characters. */
export const MAX_PARAM_LENGTH = 2048;

/**
 * Fastify's own refusals before any route or hook runs (a path that is not valid percent-encoding, a
 * path parameter over MAX_PARAM_LENGTH), answered in the API envelope with the request id like every
 * other error instead of Fastify's default body.
 */
export function answerFrameworkError(
  error: { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const failure =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ApiError('validation_error', `A path segment is longer than ${MAX_PARAM_LENGTH} characters.`)
      : error.code === 'FST_ERR_BAD_URL'
        ? new ApiError('validation_error', 'The URL path is not valid percent-encoding.')
        : new ApiError('internal_error', 'Something went wrong inside the gateway.');
  void reply
    .status(failure.status)
    .header('x-request-id', request.id)
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorEnvelope(failure, request.id));
}

/** Charsets whose bytes are read alike by the UTF-8 JSON parser (ASCII is a subset of UTF-8). */
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * What the request's headers alone make unanswerable, checked as it arrives:
 * - an HTTP/1.1 request without Host (RFC 9112 §3.2), which Node would answer with a bare 400;
 * - a body sent compressed (`content-encoding` other than identity) or in a charset other than UTF-8:
 *   the JSON parser would read it as UTF-8 and misread it (a gzip body as invalid JSON, a UTF-16 one
 *   as garbage, a plain body labelled `br` as if the label were not there), so it is a 415 naming the header.
 */
export function unanswerableHeaders(request: FastifyRequest): ApiError | undefined {
  const { headers } = request;
  if (headers.host === undefined && request.raw.httpVersion === '1.1') {
    return new ApiError('validation_error', 'An HTTP/1.1 request must carry a Host header.', [
      { field: 'host', issue: 'header is missing' },
    ]);
  }
  // Only a body Fastify parses can be misread: GET and HEAD bodies are never read (probes included).
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length']) > 0;
  if (!hasBody) return undefined;
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return new ApiError('unsupported_media_type', 'Send the request body uncompressed.', [
      { field: 'content-encoding', issue: `${encoding} is not accepted` },
    ]);
  }
  const charset = charsetOf(headers['content-type']);
  if (charset !== undefined && !UTF8_CHARSETS.has(charset)) {
    return new ApiError('unsupported_media_type', 'Send the request body as UTF-8 JSON.', [
      { field: 'content-type', issue: `charset ${charset} is not accepted` },
    ]);
  }
  return undefined;
}

/**
 * Node's HTTP parser refusing a request (malformed HTTP, headers over its 16 KB, a request not received
 * in time): no route or hook runs and there is no request yet, so the answer is written on the socket,
 * in the envelope and with a request id made for it, where Fastify's default wrote its own body and no id.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request was not received in time.']
        : [400, 'The request is not valid HTTP/1.1.'];
  const requestId = randomUUID();
  const body = JSON.stringify(errorEnvelope(new ApiError('validation_error', message), requestId));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The `charset` parameter of a media type, lower-cased and unquoted; undefined when absent or empty. */
function charsetOf(contentType: string | undefined): string | undefined {
  for (const parameter of contentType?.split(';').slice(1) ?? []) {
    const [name = '', value = ''] = parameter.split('=', 2);
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    return charset === '' ? undefined : charset;
  }
  return undefined;
}
