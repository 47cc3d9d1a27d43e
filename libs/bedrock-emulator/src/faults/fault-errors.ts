import { EmulatorError } from '../errors/emulator-error';
import type { StreamFailure } from './fault-plan';
import type { FaultKind, FaultRule } from './fault-rule';

/** Status per error name (§4.2, runtime model). */
const STATUS_BY_TYPE: Record<string, number> = {
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
};

/** Realistic messages (§4.3). */
const MESSAGE_BY_TYPE: Record<string, string> = {
  AccessDeniedException: "You don't have access to the model with the specified model ID.",
  ThrottlingException: 'Too many requests, please wait before trying again.',
  ModelTimeoutException: 'Model has timed out in processing the request. Try your request again.',
  ModelNotReadyException: 'Model is not ready to serve inference requests. Try your request again later.',
  InternalServerException: 'The server encountered an internal error while processing the request.',
  ServiceUnavailableException: 'Bedrock is unable to process your request.',
  ModelStreamErrorException: 'The model encountered an error while streaming the response.',
};

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

/** The JSON error an error-kind fault answers with. */
export function faultError(rule: FaultRule): EmulatorError {
  const type = pascal(TYPE_BY_KIND[rule.kind] ?? rule.errorType ?? 'InternalServerException');
  const status = rule.status ?? STATUS_BY_TYPE[type] ?? 500;
  const message = rule.message ?? MESSAGE_BY_TYPE[type] ?? `Injected ${type}.`;
  return new EmulatorError(type, status, message);
}

/** How a stream-kind fault ends the stream (§2.5 exception events, or a reset / cut-off frame). */
export function streamFailure(rule: FaultRule): StreamFailure {
  const type = pascal(rule.errorType ?? 'ModelStreamErrorException');
  const message = rule.message ?? MESSAGE_BY_TYPE[type] ?? `Injected ${type}.`;
  const payload: Record<string, unknown> =
    type === 'ModelStreamErrorException'
      ? { message, originalStatusCode: 500, originalMessage: 'Internal error in the model.' }
      : { message };
  const mode =
    rule.kind === 'stream-abort' ? 'abort' : rule.kind === 'stream-truncate' ? 'truncate' : 'exception';
  return { afterChunks: rule.afterChunks ?? 1, mode, exceptionType: camel(type), payload };
}
