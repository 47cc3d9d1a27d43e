import { extractApiKey } from './extract-api-key';

describe('extractApiKey', () => {
  it.each([
    [{ authorization: 'Bearer bgw_abc' }, 'bgw_abc'],
    [{ authorization: 'bearer   bgw_abc  ' }, 'bgw_abc'],
    [{ 'x-api-key': ' bgw_abc ' }, 'bgw_abc'],
    [{ authorization: 'Bearer bgw_a', 'x-api-key': 'bgw_a' }, 'bgw_a'],
    // An Authorization header that is not a Bearer credential is another layer's: x-api-key still counts.
    [{ authorization: 'Basic dXNlcjpwdw==', 'x-api-key': 'bgw_b' }, 'bgw_b'],
    [{ authorization: '', 'x-api-key': 'bgw_b' }, 'bgw_b'],
    [{ authorization: 'Bearer ', 'x-api-key': 'bgw_b' }, 'bgw_b'],
    [{ authorization: 'Basic dXNlcjpwdw==' }, null],
    [{ authorization: 'Bearer' }, null],
    [{ authorization: 'Bearer a b' }, null],
    [{ 'x-api-key': '' }, null],
    [{}, null],
  ])('%j → %s', (headers, expected) => {
    // Act / Assert
    expect(extractApiKey(headers)).toEqual(
      expected === null ? { key: null, problem: 'missing' } : { key: expected },
    );
  });

  it('calls two different keys in Authorization and x-api-key a conflict', () => {
    expect(extractApiKey({ authorization: 'Bearer bgw_a', 'x-api-key': 'bgw_b' })).toEqual({
      key: null,
      problem: 'conflicting',
    });
  });

  it.each([
    [['Bearer bgw_a', 'Bearer bgw_b'], undefined, null],
    [['Bearer bgw_a', 'bearer bgw_a'], undefined, 'bgw_a'],
    [['Basic dXNlcjpwdw==', 'Basic b3RoZXI6cHc='], 'bgw_b', 'bgw_b'],
    [['Bearer bgw_a', 'Bearer eyJhbGciOi.x.y'], undefined, 'bgw_a'],
    [['Bearer bgw_a', 'Basic dXNlcjpwdw=='], 'bgw_a', 'bgw_a'],
    [['Bearer bgw_a', 'Bearer bgw_a'], 'bgw_b', null],
  ])('takes Authorization %j with x-api-key %s as %s', (authorization, apiKey, expected) => {
    // Arrange: several Authorization values, as the guard passes them from rawHeaders
    const headers = apiKey === undefined ? { authorization } : { authorization, 'x-api-key': apiKey };
    // Act / Assert
    expect(extractApiKey(headers)).toEqual(
      expected === null ? { key: null, problem: 'conflicting' } : { key: expected },
    );
  });

  it('takes the gateway key beside a Bearer token of another format (a mesh or proxy token)', () => {
    expect(extractApiKey({ authorization: 'Bearer eyJhbGciOi.x.y', 'x-api-key': 'bgw_b' })).toEqual({
      key: 'bgw_b',
    });
  });
});
