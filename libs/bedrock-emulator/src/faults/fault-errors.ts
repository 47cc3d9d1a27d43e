import { EmulatorError } from '../errors/emulator-error';
import { type BedrockOperation, serviceOf } from '../routes/operation.types';
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

/**
 * What each error kind means, as bedrock-runtime names it; the message is always this error's (§4.3), even
 * where another service answers it under one of its own names (below).
 */
const RUNTIME_TYPE_BY_KIND: Partial<Record<FaultKind, string>> = {
  throttle: 'ThrottlingException',
  internal: 'InternalServerException',
  unavailable: 'ServiceUnavailableException',
  'not-ready': 'ModelNotReadyException',
  'model-timeout': 'ModelTimeoutException',
  'access-denied': 'AccessDeniedException',
};

/**
 * The agent runtime's model lacks ServiceUnavailableException, ModelNotReadyException (for Retrieve and
 * RetrieveAndGenerate) and ModelTimeoutException (§4.2), so those kinds answer with the nearest error it has:
 * an unavailable service as BadGatewayException (502, retried like a 503), a model that is not ready or timed
 * out as DependencyFailedException (424, not retried). `resourceName` names the dependency, as the API
 * reference's examples do.
 */
const AGENT_RUNTIME_TYPE_BY_KIND: Partial<Record<FaultKind, string>> = {
  unavailable: 'BadGatewayException',
  'not-ready': 'DependencyFailedException',
  'model-timeout': 'DependencyFailedException',
};
const DEPENDENCY = 'Amazon Bedrock';

/**
 * Kinds that are a model's failure: the control plane runs no model (and has neither error), so they never
 * fire there, as stream kinds never fire on an operation that does not stream.
 */
export const MODEL_FAULT_KINDS: ReadonlySet<FaultKind> = new Set(['not-ready', 'model-timeout']);

/**
 * The exception events each stream union has (§2.5, §3.3; the pinned SDK's `ResponseStream` and
 * `ConverseStreamOutput`). ConverseStream has no `modelTimeoutException`.
 */
const CONVERSE_STREAM_EXCEPTIONS = [
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
];
const STREAM_EXCEPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['InvokeModelWithResponseStream', new Set([...CONVERSE_STREAM_EXCEPTIONS, 'modelTimeoutException'])],
  ['ConverseStream', new Set(CONVERSE_STREAM_EXCEPTIONS)],
]);

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Where an error-kind fault fires: its operation and the names of the request's model. */
export interface FaultTarget {
  operation: BedrockOperation;
  modelIds: readonly string[];
}

/**
 * The JSON error an error-kind fault answers with, with the modelled members §4.1/§4.2 list:
 * `ModelErrorException` carries `originalStatusCode` and `resourceName` (the SDK copies both onto the
 * error), and `ConflictException` is 409 on the agent runtime (400 elsewhere). The named kinds answer
 * with an error the target service has (above); `error` sends its `errorType` as given, whatever the service.
 */
export function faultError(rule: FaultRule, target?: FaultTarget): EmulatorError {
  const meaning = pascal(RUNTIME_TYPE_BY_KIND[rule.kind] ?? rule.errorType ?? 'InternalServerException');
  const onAgentRuntime = target !== undefined && serviceOf(target.operation) === 'agent-runtime';
  const type = (onAgentRuntime ? AGENT_RUNTIME_TYPE_BY_KIND[rule.kind] : undefined) ?? meaning;
  const agentConflict = type === 'ConflictException' && onAgentRuntime;
  const status = rule.status ?? (agentConflict ? 409 : (STATUS_BY_TYPE.get(type) ?? 500));
  const message = rule.message ?? MESSAGE_BY_TYPE.get(meaning) ?? `Injected ${type}.`;
  const model = target?.modelIds[1] ?? target?.modelIds[0];
  const extra =
    type === 'ModelErrorException'
      ? { originalStatusCode: 500, ...(model === undefined ? {} : { resourceName: model }) }
      : type !== meaning
        ? { resourceName: DEPENDENCY }
        : {};
  return new EmulatorError(type, status, message, extra);
}

const STREAM_MODES: Partial<Record<FaultKind, StreamFailure['mode']>> = {
  'stream-abort': 'abort',
  'stream-truncate': 'truncate',
  'stream-end': 'end',
};

/**
 * How a stream-kind fault ends the stream (§2.5 exception events, or a reset / cut-off frame). An exception
 * the operation's union lacks (`modelTimeoutException` on ConverseStream, `accessDeniedException` on either)
 * would reach the caller as a bare `Error` holding raw JSON, which Bedrock never causes: it is sent as the
 * model's stream error instead, `modelStreamErrorException` with that error's status and message as
 * `originalStatusCode` and `originalMessage`.
 */
export function streamFailure(rule: FaultRule, operation?: string): StreamFailure {
  const asked = pascal(rule.errorType ?? 'ModelStreamErrorException');
  const union = operation === undefined ? undefined : STREAM_EXCEPTIONS.get(operation);
  const type = union === undefined || union.has(camel(asked)) ? asked : 'ModelStreamErrorException';
  const askedMessage = rule.message ?? MESSAGE_BY_TYPE.get(asked) ?? `Injected ${asked}.`;
  const payload: Record<string, unknown> =
    type !== asked
      ? {
          message: MESSAGE_BY_TYPE.get(type),
          originalStatusCode: STATUS_BY_TYPE.get(asked) ?? 500,
          originalMessage: askedMessage,
        }
      : type === 'ModelStreamErrorException'
        ? { message: askedMessage, originalStatusCode: 500, originalMessage: 'Internal error in the model.' }
        : { message: askedMessage };
  const mode = STREAM_MODES[rule.kind] ?? 'exception';
  return { afterChunks: rule.afterChunks ?? 1, mode, exceptionType: camel(type), payload };
}
