import { randomUUID } from 'node:crypto';
import { EmulatorError } from '../errors/emulator-error';
import type { HttpExchange, ResponseHeaders } from './http-exchange';

/** The error-type namespace the real service appends (§4.1); the SDK cuts it off at the first `:`. */
const ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';

export function newRequestId(): string {
  return randomUUID();
}

export function sendJson(
  exchange: HttpExchange,
  requestId: string,
  status: number,
  body: unknown,
  headers: ResponseHeaders = {},
): void {
  exchange.send(
    status,
    { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...headers },
    JSON.stringify(body),
  );
}

/** What may go into `x-amzn-errortype`; fault and script rules are validated against the same shape. */
const ERROR_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;

/**
 * Always both the `x-amzn-errortype` header and a JSON `{"message": …}` body, as §4.1 recommends. Throws
 * before writing anything when the name could break the header (CR/LF, non-ASCII), so the caller can answer
 * with a plain 500 instead of Node throwing mid-write.
 */
export function sendError(exchange: HttpExchange, requestId: string, error: EmulatorError): void {
  if (!ERROR_NAME.test(error.errorType)) {
    throw new Error(`Refusing to write error type ${JSON.stringify(error.errorType.slice(0, 64))}`);
  }
  sendJson(exchange, requestId, error.status, error.toBody(), {
    'x-amzn-errortype': `${error.errorType}:${ERROR_NAMESPACE}`,
  });
}
