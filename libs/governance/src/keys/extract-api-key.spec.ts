import { extractApiKey } from './extract-api-key';

describe('extractApiKey', () => {
  it.each([
    [{ authorization: 'Bearer bgw_abc' }, 'bgw_abc'],
    [{ authorization: 'bearer   bgw_abc  ' }, 'bgw_abc'],
    [{ 'x-api-key': ' bgw_abc ' }, 'bgw_abc'],
    [{ authorization: 'Bearer bgw_a', 'x-api-key': 'bgw_b' }, 'bgw_a'],
    [{ authorization: 'Basic dXNlcjpwdw==' }, null],
    [{ authorization: 'Bearer' }, null],
    [{ authorization: 'Bearer a b' }, null],
    [{ authorization: ['Bearer a', 'Bearer b'] }, null],
    [{ 'x-api-key': '' }, null],
    [{}, null],
  ])('%j → %s', (headers, expected) => {
    // Act / Assert
    expect(extractApiKey(headers)).toBe(expected);
  });
});
