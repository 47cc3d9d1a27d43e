import { BedrockError } from './bedrock-error';
import { BedrockErrorCode as Code } from './bedrock-error-code';

/** What the failing call was about, so a 404 can name the right resource. */
export type UpstreamResource = 'model' | 'knowledge_base';

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $retryable?: unknown;
}

/** Node socket errors that a new attempt can overcome (wire reference §4.4, TRANSIENT). */
const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * The one mapping from AWS SDK exceptions (and transport failures) to gateway codes.
 * Bedrock's ValidationException message is passed through; every other message is ours, so no
 * internals leak. Exception names and statuses: shared/docs/bedrock-wire.md §4.2.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors
 */
export function toBedrockError(error: unknown, resource: UpstreamResource = 'model'): BedrockError {
  if (error instanceof BedrockError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as AwsLikeError;
  const mapped = mapAwsError(e, resource);
  mapped.upstream = { message: e.message ?? '', requestId: e.$metadata?.requestId ?? null };
  return mapped;
}

function mapAwsError(e: AwsLikeError, resource: UpstreamResource): BedrockError {
  const name = wrappedName(e) ?? e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = e.message ?? '';
  switch (name) {
    case 'ValidationException':
      return new BedrockError(
        Code.UpstreamValidation,
        message || 'Bedrock rejected the request.',
        false,
        name,
      );
    case 'ThrottlingException':
      return new BedrockError(Code.UpstreamThrottled, 'Bedrock is throttling requests.', true, name);
    case 'ServiceQuotaExceededException':
      return new BedrockError(Code.UpstreamThrottled, 'The Bedrock service quota is exceeded.', false, name);
    case 'ModelNotReadyException':
      return new BedrockError(
        Code.UpstreamUnavailable,
        'The model is not ready to serve requests.',
        true,
        name,
      );
    case 'AccessDeniedException':
      return new BedrockError(
        Code.UpstreamAccessDenied,
        'The gateway is not allowed to call Bedrock for this resource.',
        false,
        name,
      );
    case 'CredentialsProviderError':
      // The SDK found nothing to sign with: the request never reached Bedrock (a gateway set-up
      // problem, like a missing IAM permission; /health/ready names the provider chain's error).
      return new BedrockError(
        Code.UpstreamAccessDenied,
        'The gateway has no AWS credentials to call Bedrock with.',
        false,
        name,
      );
    case 'ResourceNotFoundException':
      // RetrieveAndGenerate also names its generation model: a model past its end of life is the
      // model's 404, with Bedrock's message, not the knowledge base's.
      return resource === 'knowledge_base' && !namesModelOnly(message)
        ? new BedrockError(
            Code.KnowledgeBaseNotFound,
            'Bedrock does not know this knowledge base.',
            false,
            name,
          )
        : new BedrockError(Code.ModelNotFound, message || 'Bedrock does not know this model.', false, name);
    case 'ModelTimeoutException':
      return new BedrockError(
        Code.UpstreamTimeout,
        'The model timed out processing the request.',
        true,
        name,
      );
    case 'InternalServerException':
    case 'ServiceUnavailableException':
    case 'BadGatewayException':
      return new BedrockError(Code.UpstreamUnavailable, 'Bedrock is unavailable.', true, name);
    case 'ModelErrorException':
    case 'ModelStreamErrorException':
    case 'DependencyFailedException':
    case 'ConflictException':
      return new BedrockError(Code.UpstreamError, 'The model failed to answer.', false, name);
    case 'TimeoutError':
    case 'RequestTimeout':
    case 'RequestTimeoutException':
      return new BedrockError(Code.UpstreamUnavailable, 'Bedrock did not answer in time.', true, name);
    default:
      return fromStatusOrTransport(name, status, e.code);
  }
}

/**
 * The SDK wraps a rejection that is not an `Error` of its own realm (vm contexts, workers, test
 * sandboxes) as `Error("AWS SDK error wrapper for TimeoutError: socket hang up")`; recover the name.
 */
function wrappedName(error: AwsLikeError): string | undefined {
  return /^AWS SDK error wrapper for (\w+):/.exec(error.message ?? '')?.[1];
}

function fromStatusOrTransport(
  name: string,
  status: number | undefined,
  code: string | undefined,
): BedrockError {
  if (status === 429)
    return new BedrockError(Code.UpstreamThrottled, 'Bedrock is throttling requests.', true, name);
  if (status === 500 || status === 502 || status === 503 || status === 504) {
    return new BedrockError(Code.UpstreamUnavailable, 'Bedrock is unavailable.', true, name);
  }
  if (code && TRANSIENT_NETWORK.has(code)) {
    return new BedrockError(Code.UpstreamUnavailable, 'The connection to Bedrock failed.', true, code);
  }
  return new BedrockError(
    Code.UpstreamError,
    'Bedrock answered with something the gateway could not use.',
    false,
    name,
  );
}

/** A not-found message about a model and not about a knowledge base ("This model version has reached…"). */
function namesModelOnly(message: string): boolean {
  return /\bmodel\b/i.test(message) && !/knowledge[ -]?base/i.test(message);
}
