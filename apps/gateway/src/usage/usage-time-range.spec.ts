import { UsageQueryError } from '@app/usage';
import { usageTimeRange } from './usage-time-range';

describe('usageTimeRange', () => {
  const now = Date.UTC(2025, 5, 10, 12);

  it('defaults to the 24 hours before now', () => {
    // Act
    const range = usageTimeRange(undefined, undefined, now);
    // Assert
    expect(range).toEqual({ from: new Date(now - 86_400_000), to: new Date(now) });
  });

  it('defaults from to 24 hours before an explicit to', () => {
    // Act
    const range = usageTimeRange(undefined, '2025-01-02T00:00:00Z', now);
    // Assert
    expect(range.from.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('keeps explicit bounds', () => {
    // Act
    const range = usageTimeRange('2025-01-01T00:00:00Z', '2025-01-01T06:00:00+02:00', now);
    // Assert
    expect(range.to.toISOString()).toBe('2025-01-01T04:00:00.000Z');
  });

  it('rejects a range whose end is before its start, naming to', () => {
    // Act
    const act = () => usageTimeRange('2025-02-01T00:00:00Z', '2025-01-01T00:00:00Z', now);
    // Assert
    expect(act).toThrow(UsageQueryError);
    expect(act).toThrow(expect.objectContaining({ field: 'to', code: 'validation_error' }));
  });
});
