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

/** Always both the `x-amzn-errortype` header and a JSON `{"message": …}` body, as §4.1 recommends. */
export function sendError(exchange: HttpExchange, requestId: string, error: EmulatorError): void {
  sendJson(exchange, requestId, error.status, error.toBody(), {
    'x-amzn-errortype': `${error.errorType}:${ERROR_NAMESPACE}`,
  });
}
