import { EmulatorError } from '../errors/emulator-error';
import type { RequestRecord } from '../request-log/request-record';
import type { RouteMatch } from '../routes/operation.types';
import type { HttpExchange, ResponseHeaders } from '../server/http-exchange';
import { sendError, sendJson } from '../server/response-writer';

/** One routed request: the exchange, its request id, its log record and what it asks for. */
export class RequestContext {
  constructor(
    readonly exchange: HttpExchange,
    readonly requestId: string,
    readonly record: RequestRecord,
    readonly route: RouteMatch,
  ) {}

  /** The path label; every route that has one is matched with it, so it is never empty here. */
  get resourceId(): string {
    return this.route.resourceId ?? '';
  }

  sendJson(status: number, body: unknown, headers: ResponseHeaders = {}): void {
    this.record.status = status;
    sendJson(this.exchange, this.requestId, status, body, headers);
  }

  sendError(error: EmulatorError): void {
    this.record.status = error.status;
    this.record.errorType = error.errorType;
    sendError(this.exchange, this.requestId, error);
  }

  /** Starts a 200 event-stream response (§2.2). */
  startEventStream(headers: ResponseHeaders = {}): void {
    this.record.status = 200;
    this.exchange.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': this.requestId,
      ...headers,
    });
  }
}

/** Parses a JSON request body; `invoke` selects the native-body wording the real service uses. */
export function parseJsonBody(raw: Buffer, invoke: boolean): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    if (invoke) throw EmulatorError.malformedInput('#: the request body is not valid JSON');
    throw EmulatorError.validation('The request body is not valid JSON.');
  }
}
