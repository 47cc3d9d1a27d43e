import { applyStreamUpdate, EMPTY_STREAM_TOTALS } from './stream-totals';

describe('applyStreamUpdate', () => {
  it('appends text and lets later values replace earlier ones', () => {
    // Arrange
    const first = applyStreamUpdate(EMPTY_STREAM_TOTALS, { text: 'Hel', inputTokens: 8, outputTokens: 1 });

    // Act
    const second = applyStreamUpdate(first, { text: 'lo', outputTokens: 2, stopReason: 'max_tokens' });

    // Assert
    expect(second).toEqual({
      text: 'Hello',
      stopReason: 'max_tokens',
      inputTokens: 8,
      outputTokens: 2,
      firstByteLatencyMs: null,
      invocationLatencyMs: null,
    });
    expect(EMPTY_STREAM_TOTALS.text).toBe('');
  });

  it('keeps the totals when an update is empty', () => {
    // Arrange
    const totals = { ...EMPTY_STREAM_TOTALS, text: 'x', outputTokens: 3 };

    // Act / Assert
    expect(applyStreamUpdate(totals, {})).toEqual(totals);
  });
});
