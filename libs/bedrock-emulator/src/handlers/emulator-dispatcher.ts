import { checkAuthorization } from '../auth/authorization-check';
import { EmulatorError } from '../errors/emulator-error';
import { RequestLog, parseSdkRequestHeader } from '../request-log/request-log';
import type { RequestRecord } from '../request-log/request-record';
import { matchRoute, unknownOperation } from '../routes/route-matcher';
import { CompatRequest, CompatResponse, HttpExchange } from '../server/http-exchange';
import { newRequestId, sendError } from '../server/response-writer';
import { ADMIN_PREFIX, AdminHandler } from './admin.handler';
import type { AgentRuntimeHandler } from './agent-runtime.handler';
import type { ControlPlaneHandler } from './control-plane.handler';
import { RequestContext } from './request-context';
import type { RuntimeHandler } from './runtime.handler';

export interface DispatcherParts {
  runtime: RuntimeHandler;
  agentRuntime: AgentRuntimeHandler;
  controlPlane: ControlPlaneHandler;
  admin: AdminHandler;
  log: RequestLog;
  /** The region of a call whose authorization names none (a bearer token): the emulator's own. */
  region: string;
  /** Told about unexpected (non-EmulatorError) failures, which are answered with a 500. */
  onInternalError: (error: unknown) => void;
}

/**
 * The one handler behind both protocols: log, route, authorize, hand to the operation's handler, and turn
 * any failure into the service's JSON error (or, once a stream has started, an abrupt end). Never throws.
 */
export class EmulatorDispatcher {
  constructor(private readonly parts: DispatcherParts) {}

  readonly handle = (request: CompatRequest, response: CompatResponse): void => {
    const exchange = new HttpExchange(request, response);
    // Last line of defence: a failure while writing a response (an invalid header, a dead stream) is
    // reported and ends that one exchange; it must never become an unhandled rejection that kills the process.
    this.process(exchange).catch((error: unknown) => {
      this.parts.onInternalError(error);
      exchange.abort();
    });
  };

  private async process(exchange: HttpExchange): Promise<void> {
    if (exchange.path.startsWith(ADMIN_PREFIX)) return this.parts.admin.handle(exchange);
    const requestId = newRequestId();
    const record = this.startRecord(exchange, requestId);
    try {
      const route = matchRoute(exchange.method, exchange.path);
      if (!route) throw unknownOperation();
      record.operation = route.operation;
      const signingRegion = checkAuthorization(exchange.header('authorization'), route.service);
      const region = signingRegion ?? this.parts.region;
      record.region = region;
      const context = new RequestContext(exchange, requestId, record, route, region);
      switch (route.operation) {
        case 'InvokeModel':
        case 'InvokeModelWithResponseStream':
        case 'Converse':
        case 'ConverseStream':
          return await this.parts.runtime.handle(context, route.operation);
        case 'Retrieve':
        case 'RetrieveAndGenerate':
          return await this.parts.agentRuntime.handle(context, route.operation);
        case 'ListFoundationModels':
        case 'GetFoundationModel':
        case 'ListInferenceProfiles':
        case 'GetInferenceProfile':
          return await this.parts.controlPlane.handle(context, route.operation);
      }
    } catch (error) {
      this.fail(exchange, requestId, record, error);
    }
  }

  private startRecord(exchange: HttpExchange, requestId: string): RequestRecord {
    const invocationId = exchange.header('amz-sdk-invocation-id');
    const record: RequestRecord = {
      requestId,
      receivedAt: new Date().toISOString(),
      method: exchange.method,
      path: exchange.path,
      operation: 'Unknown',
      protocol: exchange.protocol,
      ...(invocationId === undefined ? {} : { invocationId }),
      ...parseSdkRequestHeader(exchange.header('amz-sdk-request')),
      faults: [],
      aborted: false,
      done: false,
    };
    this.parts.log.add(record);
    void exchange.whenClosed().then(() => {
      record.done = true;
      record.aborted = exchange.aborted;
      record.durationMs = exchange.elapsedMs();
    });
    return record;
  }

  private fail(exchange: HttpExchange, requestId: string, record: RequestRecord, error: unknown): void {
    if (exchange.isClosed) return;
    const emulatorError = error instanceof EmulatorError ? error : this.internalError(error);
    if (exchange.headersSent) {
      // Too late for a JSON error: the status line has gone. End the stream abruptly rather than silently.
      exchange.abort();
      return;
    }
    try {
      sendError(exchange, requestId, emulatorError);
      record.status = emulatorError.status;
      record.errorType = emulatorError.errorType;
    } catch (writeError) {
      // The error itself could not be written (e.g. an unchecked rule's name): answer a plain 500.
      const fallback = this.internalError(writeError);
      record.status = fallback.status;
      record.errorType = fallback.errorType;
      sendError(exchange, requestId, fallback);
    }
  }

  private internalError(error: unknown): EmulatorError {
    this.parts.onInternalError(error);
    return new EmulatorError('InternalServerException', 500, 'The server encountered an internal error.');
  }
}
