import { BedrockError, BedrockErrorCode } from '@app/bedrock';

/** A family parser's shape error is Bedrock's fault, not the caller's: `upstream_error`. */
export function parseSafely<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof BedrockError) throw error;
    throw new BedrockError(
      BedrockErrorCode.UpstreamError,
      'Bedrock answered with a body the gateway could not read.',
    );
  }
}
