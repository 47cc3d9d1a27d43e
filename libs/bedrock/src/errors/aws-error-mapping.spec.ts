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

  it.each([
    ['This model version has reached the end of its life.', BedrockErrorCode.ModelNotFound],
    ['Knowledge base with id KB1 does not exist.', BedrockErrorCode.KnowledgeBaseNotFound],
    [
      'arn:aws:bedrock:us-east-1:1:knowledge-base/KB1 for model x not found',
      BedrockErrorCode.KnowledgeBaseNotFound,
    ],
  ])('tells a knowledge-base call whose model is not found (%j) from its knowledge base', (message, code) => {
    const error = Object.assign(new Error(message), { name: 'ResourceNotFoundException', $metadata: {} });

    expect(toBedrockError(error, 'knowledge_base').code).toBe(code);
  });

  it('still maps an unknown failure without a status to upstream_error', () => {
    expect(toBedrockError(new Error('odd')).code).toBe(BedrockErrorCode.UpstreamError);
  });
});
