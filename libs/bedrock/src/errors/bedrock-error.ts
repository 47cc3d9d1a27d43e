import { BEDROCK_ERROR_HTTP_STATUS, BedrockErrorCode } from './bedrock-error-code';

/** A Bedrock failure in the gateway's terms: a code, a safe message, and whether a retry can help. */
export class BedrockError extends Error {
  override readonly name = 'BedrockError';

  constructor(
    readonly code: BedrockErrorCode,
    message: string,
    readonly retryable = false,
    /** The AWS exception name, for logs and metrics (never shown to callers). */
    readonly awsName: string | null = null,
    /** Seconds the caller should wait (from Bedrock's retry-after when it sent one). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** What AWS said (its message and `x-amzn-RequestId`), for the gateway's logs only; set by `toBedrockError`. */
  upstream: { message: string; requestId: string | null } | null = null;

  get status(): number {
    return BEDROCK_ERROR_HTTP_STATUS[this.code];
  }
}
