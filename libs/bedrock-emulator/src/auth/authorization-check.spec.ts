import { EmulatorError } from '../errors/emulator-error';
import { checkAuthorization } from './authorization-check';

const SIGNED =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/bedrock/aws4_request, ' +
  `SignedHeaders=:authority;accept;content-type;x-amz-date, Signature=${'ab12'.repeat(16)}`;

const errorType = (
  authorization: string | undefined,
  service: 'runtime' | 'agent-runtime',
): string | undefined => {
  try {
    checkAuthorization(authorization, service);
    return undefined;
  } catch (error) {
    return error instanceof EmulatorError ? `${error.status} ${error.errorType}` : 'other';
  }
};

describe('checkAuthorization', () => {
  it('accepts a well-formed SigV4 header with any signature, and a bearer token on runtime', () => {
    expect(errorType(SIGNED, 'runtime')).toBeUndefined();
    expect(errorType(SIGNED, 'agent-runtime')).toBeUndefined();
    expect(errorType('Bearer abc.def', 'runtime')).toBeUndefined();
  });

  it('returns the region of the credential scope, and none for a bearer token', () => {
    expect(checkAuthorization(SIGNED.replace('/us-east-1/', '/eu-west-3/'), 'runtime')).toBe('eu-west-3');
    expect(checkAuthorization('Bearer abc.def', 'runtime')).toBeUndefined();
  });

  it('answers a missing header with 403 MissingAuthenticationTokenException', () => {
    expect(errorType(undefined, 'runtime')).toBe('403 MissingAuthenticationTokenException');
  });

  it.each([
    SIGNED.replace('/bedrock/', '/s3/'),
    SIGNED.replace(/Signature=\w+/, 'Signature=short'),
    SIGNED.replace('Credential=AKIDEXAMPLE/20261122', 'Credential=AKIDEXAMPLE/2026-11-22'),
    'AWS4-HMAC-SHA256',
    'Basic dXNlcjpwYXNz',
  ])('answers a malformed header with 403 IncompleteSignatureException: %s', (header) => {
    expect(errorType(header, 'runtime')).toBe('403 IncompleteSignatureException');
  });

  it('rejects a bearer token on agent runtime, which only models SigV4', () => {
    expect(errorType('Bearer abc', 'agent-runtime')).toBe('403 IncompleteSignatureException');
  });
});
