import { EmulatorError } from '../errors/emulator-error';
import type { RequestRecord } from '../request-log/request-record';
import type { RouteMatch } from '../routes/operation.types';
import type { HttpExchange, ResponseHeaders } from '../server/http-exchange';
import { sendError, sendJson } from '../server/response-writer';

/** One routed request: the exchange, its request id, its log record, what it asks for and where. */
export class RequestContext {
  constructor(
    readonly exchange: HttpExchange,
    readonly requestId: string,
    readonly record: RequestRecord,
    readonly route: RouteMatch,
    /** The region the call is made in: its SigV4 credential scope's, else the emulator's. */
    readonly region: string,
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

/**
 * How deeply a request body may nest. Every validator and generator downstream recurses, so a body nested
 * thousands deep would overflow the stack (a 500); real tool schemas and documents stay far below this.
 */
export const MAX_JSON_DEPTH = 64;

/** Parses a JSON request body; `invoke` selects the native-body wording the real service uses. */
export function parseJsonBody(raw: Buffer, invoke: boolean): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    if (invoke) throw EmulatorError.malformedInput('#: the request body is not valid JSON');
    throw EmulatorError.validation('The request body is not valid JSON.');
  }
  if (jsonDepth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    const detail = `the request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (invoke) throw EmulatorError.malformedInput(`#: ${detail}`);
    throw EmulatorError.validation(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  return parsed;
}

/** The nesting depth of a parsed JSON value, walked without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}
