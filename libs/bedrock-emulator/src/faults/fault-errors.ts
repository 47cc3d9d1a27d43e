import { EmulatorError } from '../errors/emulator-error';
import type { StreamFailure } from './fault-plan';
import type { FaultKind, FaultRule } from './fault-rule';

/** Status per error name (§4.2, runtime model). Maps, so a name such as `__proto__` finds nothing. */
const STATUS_BY_TYPE: ReadonlyMap<string, number> = new Map(
  Object.entries({
    AccessDeniedException: 403,
    ResourceNotFoundException: 404,
    ThrottlingException: 429,
    ModelTimeoutException: 408,
    ValidationException: 400,
    ServiceQuotaExceededException: 400,
    ModelNotReadyException: 429,
    ModelErrorException: 424,
    ModelStreamErrorException: 424,
    InternalServerException: 500,
    ServiceUnavailableException: 503,
    DependencyFailedException: 424,
    BadGatewayException: 502,
    ConflictException: 400,
  }),
);

/** Realistic messages (§4.3). */
const MESSAGE_BY_TYPE: ReadonlyMap<string, string> = new Map(
  Object.entries({
    AccessDeniedException: "You don't have access to the model with the specified model ID.",
    ThrottlingException: 'Too many requests, please wait before trying again.',
    ModelTimeoutException: 'Model has timed out in processing the request. Try your request again.',
    ModelNotReadyException: 'Model is not ready to serve inference requests. Try your request again later.',
    InternalServerException: 'The server encountered an internal error while processing the request.',
    ServiceUnavailableException: 'Bedrock is unable to process your request.',
    ModelStreamErrorException: 'The model encountered an error while streaming the response.',
  }),
);

const TYPE_BY_KIND: Partial<Record<FaultKind, string>> = {
  throttle: 'ThrottlingException',
  internal: 'InternalServerException',
  unavailable: 'ServiceUnavailableException',
  'not-ready': 'ModelNotReadyException',
  'model-timeout': 'ModelTimeoutException',
  'access-denied': 'AccessDeniedException',
};

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Where an error-kind fault fires: its operation and the names of the request's model. */
export interface FaultTarget {
  operation: string;
  modelIds: readonly string[];
}

const AGENT_RUNTIME_OPERATIONS = new Set(['Retrieve', 'RetrieveAndGenerate']);

/**
 * The JSON error an error-kind fault answers with, with the modelled members §4.1/§4.2 list:
 * `ModelErrorException` carries `originalStatusCode` and `resourceName` (the SDK copies both onto the
 * error), and `ConflictException` is 409 on the agent runtime (400 elsewhere).
 */
export function faultError(rule: FaultRule, target?: FaultTarget): EmulatorError {
  const type = pascal(TYPE_BY_KIND[rule.kind] ?? rule.errorType ?? 'InternalServerException');
  const agentConflict = type === 'ConflictException' && AGENT_RUNTIME_OPERATIONS.has(target?.operation ?? '');
  const status = rule.status ?? (agentConflict ? 409 : (STATUS_BY_TYPE.get(type) ?? 500));
  const message = rule.message ?? MESSAGE_BY_TYPE.get(type) ?? `Injected ${type}.`;
  const model = target?.modelIds[1] ?? target?.modelIds[0];
  const extra =
    type === 'ModelErrorException'
      ? { originalStatusCode: 500, ...(model === undefined ? {} : { resourceName: model }) }
      : {};
  return new EmulatorError(type, status, message, extra);
}

const STREAM_MODES: Partial<Record<FaultKind, StreamFailure['mode']>> = {
  'stream-abort': 'abort',
  'stream-truncate': 'truncate',
  'stream-end': 'end',
};

/** How a stream-kind fault ends the stream (§2.5 exception events, or a reset / cut-off frame). */
export function streamFailure(rule: FaultRule): StreamFailure {
  const type = pascal(rule.errorType ?? 'ModelStreamErrorException');
  const message = rule.message ?? MESSAGE_BY_TYPE.get(type) ?? `Injected ${type}.`;
  const payload: Record<string, unknown> =
    type === 'ModelStreamErrorException'
      ? { message, originalStatusCode: 500, originalMessage: 'Internal error in the model.' }
      : { message };
  const mode = STREAM_MODES[rule.kind] ?? 'exception';
  return { afterChunks: rule.afterChunks ?? 1, mode, exceptionType: camel(type), payload };
}
