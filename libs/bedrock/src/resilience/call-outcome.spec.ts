import { BedrockError } from '../errors/bedrock-error';
import { BedrockErrorCode } from '../errors/bedrock-error-code';
import { isRefusal } from './call-outcome';

const error = (code: BedrockErrorCode, awsName: string | null) => new BedrockError(code, 'x', true, awsName);

describe('isRefusal: attempts Bedrock does not bill', () => {
  it.each([
    [BedrockErrorCode.UpstreamThrottled, 'ThrottlingException'],
    [BedrockErrorCode.UpstreamValidation, 'ValidationException'],
    [BedrockErrorCode.UpstreamAccessDenied, 'AccessDeniedException'],
    [BedrockErrorCode.ModelNotFound, 'ResourceNotFoundException'],
    [BedrockErrorCode.UpstreamUnavailable, 'ServiceUnavailableException'],
    [BedrockErrorCode.UpstreamUnavailable, 'ModelNotReadyException'],
    [BedrockErrorCode.UpstreamUnavailable, 'ECONNREFUSED'],
    [BedrockErrorCode.UpstreamUnavailable, 'ENOTFOUND'],
  ])('%s (%s) is a refusal', (code, name) => {
    expect(isRefusal(error(code, name))).toBe(true);
  });

  it.each([
    [BedrockErrorCode.UpstreamUnavailable, 'ECONNRESET'],
    [BedrockErrorCode.UpstreamUnavailable, 'EPIPE'],
    [BedrockErrorCode.UpstreamTimeout, 'ModelTimeoutException'],
    [BedrockErrorCode.UpstreamError, 'ModelErrorException'],
    [BedrockErrorCode.ClientClosed, null],
  ])('%s (%s) may have been billed', (code, name) => {
    expect(isRefusal(error(code, name))).toBe(false);
  });
});
