import { followUpCall } from './knowledge-base-upstream';

describe('followUpCall', () => {
  it('leaves the first call of a request as it is', async () => {
    // Arrange
    const progress = {
      attempts: 0,
      region: null,
      failoverRegion: null,
      mayHaveBilled: false,
      bedrockRequestId: null,
    };
    // Act
    await followUpCall(progress, async () => (progress.attempts += 3));
    // Assert
    expect(progress.attempts).toBe(3);
  });

  it("gives back a later call's first attempt, so attempts - 1 counts every call's retries", async () => {
    // Arrange: the first call took 2 attempts (1 retry)
    const progress = {
      attempts: 2,
      region: null,
      failoverRegion: null,
      mayHaveBilled: false,
      bedrockRequestId: null,
    };
    // Act: the second takes 3 (2 retries), and fails
    await expect(
      followUpCall(progress, async () => {
        progress.attempts += 3;
        throw new Error('throttled');
      }),
    ).rejects.toThrow('throttled');
    // Assert
    expect(progress.attempts - 1).toBe(3);
  });

  it('gives nothing back for a later call that made no attempt', async () => {
    // Arrange
    const progress = {
      attempts: 2,
      region: null,
      failoverRegion: null,
      mayHaveBilled: false,
      bedrockRequestId: null,
    };
    // Act
    await followUpCall(progress, async () => undefined);
    // Assert
    expect(progress.attempts).toBe(2);
  });
});
