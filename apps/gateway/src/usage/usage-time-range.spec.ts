import { UsageQueryError } from '@app/usage';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPORT_INSTANT, usageTimeRange } from './usage-time-range';

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

  it('names from when it is in the future and to was not given (to is then now)', () => {
    // Act
    const act = () => usageTimeRange('2030-01-01', undefined, now);
    // Assert
    expect(act).toThrow(expect.objectContaining({ field: 'from', code: 'validation_error' }));
    expect(act).toThrow('from must not be in the future when to is not given (to defaults to now)');
  });

  it.each(['2025-01-01', '2025-01-01T05:30', '2025-01-01T05:30:00.123Z', '2025-01-01T05:30:00+02:00'])(
    'takes %s as a report bound',
    (value) => expect(REPORT_INSTANT.test(value)).toBe(true),
  );

  it.each(['2025-002', '2025-W01-1', '20250101T000000Z', '2025-01-01T05', '2025-01-01 05:30'])(
    'refuses %s as a report bound',
    (value) => expect(REPORT_INSTANT.test(value)).toBe(false),
  );

  it('reads a date-time without an offset as UTC, whatever the time zone of the process', () => {
    // A process of its own: the time zone is read at start (jest's process.env is a copy).
    const script = `
      const { usageTimeRange } = require(${JSON.stringify(join(__dirname, 'usage-time-range.ts'))});
      const range = usageTimeRange('2025-01-01T05:30:00', '2025-01-02', 0);
      process.stdout.write(JSON.stringify([range.from, range.to]));`;
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      env: { ...process.env, TZ: 'America/New_York' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['2025-01-01T05:30:00.000Z', '2025-01-02T00:00:00.000Z']);
  }, 20_000);
});
