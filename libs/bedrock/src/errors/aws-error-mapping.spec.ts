import { CredentialsProviderError } from '@smithy/core/config';
import { BedrockErrorCode } from './bedrock-error-code';
import { toBedrockError } from './aws-error-mapping';

describe('toBedrockError', () => {
  it('tells missing credentials apart from an answer the gateway could not use', () => {
    // The SDK's own error when its default chain finds no credentials (no request was sent)
    const missing = new CredentialsProviderError('Could not load credentials from any providers', {
      tryNextLink: false,
    });

    const error = toBedrockError(missing);

    expect(error.code).toBe(BedrockErrorCode.UpstreamAccessDenied);
    expect(error.message).toBe('The gateway has no AWS credentials to call Bedrock with.');
    expect(error.retryable).toBe(false);
  });

  it('still maps an unknown failure without a status to upstream_error', () => {
    expect(toBedrockError(new Error('odd')).code).toBe(BedrockErrorCode.UpstreamError);
  });
});
