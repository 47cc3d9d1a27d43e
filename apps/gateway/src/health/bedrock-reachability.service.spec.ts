import type { BedrockClients } from '@app/bedrock';
import { BedrockReachability } from './bedrock-reachability.service';
import { DEFAULT_HEALTH_PROBE_OPTIONS } from './health.constants';

/** BedrockClients with one `send` per region. */
function clientsFor(sends: Record<string, jest.Mock>): BedrockClients {
  return {
    regions: Object.keys(sends),
    control: (region: string) => ({ send: sends[region] }),
  } as unknown as BedrockClients;
}

describe('BedrockReachability', () => {
  afterEach(() => jest.useRealTimers());

  it('is down before any check and up once a region answered', async () => {
    // Arrange
    const reachability = new BedrockReachability(
      clientsFor({ 'us-east-1': jest.fn().mockResolvedValue({ modelSummaries: [] }) }),
      DEFAULT_HEALTH_PROBE_OPTIONS,
    );
    const before = reachability.status();
    // Act
    await reachability.refresh();
    // Assert
    expect(before).toEqual({ up: false, regions: {} });
    expect(reachability.status()).toMatchObject({
      up: true,
      regions: { 'us-east-1': { reachable: true, stale: false, error: null } },
    });
  });

  it('stays up while a failover region answers, and says which region failed', async () => {
    // Arrange
    const reachability = new BedrockReachability(
      clientsFor({
        'us-east-1': jest.fn().mockRejectedValue(new Error('connect ECONNREFUSED')),
        'us-west-2': jest.fn().mockResolvedValue({}),
      }),
      DEFAULT_HEALTH_PROBE_OPTIONS,
    );
    // Act
    await reachability.refresh();
    // Assert
    const status = reachability.status();
    expect(status.up).toBe(true);
    expect(status.regions['us-east-1']).toMatchObject({
      reachable: false,
      error: 'Error: connect ECONNREFUSED',
    });
  });

  it('is down when every region fails', async () => {
    // Arrange
    const serverError = Object.assign(new Error('internal'), { $metadata: { httpStatusCode: 500 } });
    const reachability = new BedrockReachability(
      clientsFor({ 'us-east-1': jest.fn().mockRejectedValue(serverError) }),
      DEFAULT_HEALTH_PROBE_OPTIONS,
    );
    // Act
    await reachability.refresh();
    // Assert
    expect(reachability.status().up).toBe(false);
  });

  it('no longer counts a result older than the maximum age', async () => {
    // Arrange
    jest.useFakeTimers({ now: 0 });
    const reachability = new BedrockReachability(
      clientsFor({ 'us-east-1': jest.fn().mockResolvedValue({}) }),
      DEFAULT_HEALTH_PROBE_OPTIONS,
    );
    await reachability.refresh();
    // Act
    jest.setSystemTime(DEFAULT_HEALTH_PROBE_OPTIONS.bedrockMaxAgeMs + 1);
    // Assert
    expect(reachability.status()).toMatchObject({ up: false, regions: { 'us-east-1': { stale: true } } });
  });

  it('refreshes in the background on its interval and stops on shutdown', async () => {
    // Arrange
    jest.useFakeTimers();
    const send = jest.fn().mockResolvedValue({});
    const reachability = new BedrockReachability(
      clientsFor({ 'us-east-1': send }),
      DEFAULT_HEALTH_PROBE_OPTIONS,
    );
    await reachability.onApplicationBootstrap();
    // Act
    await jest.advanceTimersByTimeAsync(DEFAULT_HEALTH_PROBE_OPTIONS.bedrockIntervalMs * 2);
    reachability.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(DEFAULT_HEALTH_PROBE_OPTIONS.bedrockIntervalMs * 2);
    // Assert
    expect(send).toHaveBeenCalledTimes(3);
  });
});
