import { reachedBedrock } from './reached-bedrock';

describe('reachedBedrock', () => {
  const awsError = (status: number) =>
    Object.assign(new Error('x'), { $metadata: { httpStatusCode: status } });

  it.each([
    ['AccessDenied (403)', awsError(403), true],
    ['throttling (429)', awsError(429), true],
    ['a 500', awsError(500), false],
    ['a 503', awsError(503), false],
    ['a network error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false],
    ['a timeout (abort)', Object.assign(new Error('aborted'), { name: 'AbortError' }), false],
    ['a non-error', 'boom', false],
  ])('%s → %s', (_what, error, expected) => {
    // Act
    const reached = reachedBedrock(error);
    // Assert
    expect(reached).toBe(expected);
  });
});
