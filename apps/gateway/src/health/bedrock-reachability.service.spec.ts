import { BedrockClients } from '@app/bedrock';
import { BedrockEmulator } from '@app/bedrock-emulator';
import {
  bedrockClientsAt,
  EVERYTHING_BUT_INTERVALS,
} from '../../../../libs/bedrock/src/testing/emulator-clients';
import { BedrockReachability } from './bedrock-reachability.service';
import { DEFAULT_HEALTH_PROBE_OPTIONS as OPTIONS } from './health.constants';

const PRIMARY = 'us-east-1';
const FAILOVER = 'us-west-2';

describe('BedrockReachability', () => {
  const emulator = new BedrockEmulator();
  /** A port nothing listens on (an emulator's, once stopped): connecting to it is refused. */
  let closedUrl: string;
  let clients: BedrockClients | undefined;
  let reachability: BedrockReachability | undefined;
  const listCalls = () => emulator.requests.filter((request) => request.operation === 'ListFoundationModels');

  function reachabilityOf(regionEndpoints: Record<string, string>): BedrockReachability {
    clients = bedrockClientsAt(regionEndpoints);
    reachability = new BedrockReachability(clients, OPTIONS);
    return reachability;
  }

  beforeAll(async () => {
    await emulator.start({ port: 0, host: '127.0.0.1' });
    const stopped = new BedrockEmulator();
    await stopped.start({ port: 0, host: '127.0.0.1' });
    closedUrl = stopped.url;
    await stopped.stop();
  });
  afterAll(() => emulator.stop());
  afterEach(() => {
    reachability?.onApplicationShutdown();
    clients?.onApplicationShutdown();
    emulator.reset();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('is down before any check and up once a region answered', async () => {
    // Arrange
    const subject = reachabilityOf({ [PRIMARY]: emulator.url });
    const before = subject.status();

    // Act
    await subject.refresh();

    // Assert
    expect(before).toEqual({ up: false, regions: {} });
    expect(listCalls()).toMatchObject([{ status: 200 }]);
    expect(subject.status()).toMatchObject({
      up: true,
      regions: { [PRIMARY]: { reachable: true, stale: false, error: null } },
    });
  });

  it('stays up while a failover region answers, and says which region failed', async () => {
    // Arrange: nothing listens in the primary region
    const subject = reachabilityOf({ [PRIMARY]: closedUrl, [FAILOVER]: emulator.url });

    // Act
    await subject.refresh();

    // Assert
    const status = subject.status();
    expect(status.up).toBe(true);
    expect(status.regions[PRIMARY]).toMatchObject({
      reachable: false,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(status.regions[FAILOVER]).toMatchObject({ reachable: true, error: null });
  });

  it('is down when every region fails', async () => {
    // Arrange: both regions answer 500 (one emulator behind two region endpoints)
    emulator.setFaults([{ kind: 'internal', operation: 'ListFoundationModels' }]);
    const subject = reachabilityOf({ [PRIMARY]: emulator.url, [FAILOVER]: emulator.url });

    // Act
    await subject.refresh();

    // Assert
    const status = subject.status();
    expect(listCalls()).toMatchObject([{ status: 500 }, { status: 500 }]);
    expect(status.up).toBe(false);
    expect(status.regions[PRIMARY]).toMatchObject({
      reachable: false,
      error: expect.stringContaining('InternalServerException'),
    });
    expect(status.regions[FAILOVER]).toMatchObject({ reachable: false });
  });

  it('no longer counts a result older than the maximum age', async () => {
    // Arrange: a clock that moves only when told to
    let now = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const subject = reachabilityOf({ [PRIMARY]: emulator.url });
    await subject.refresh();

    // Act
    now += OPTIONS.bedrockMaxAgeMs;
    const atMaximumAge = subject.status();
    now += 1;
    const older = subject.status();

    // Assert
    expect(atMaximumAge).toMatchObject({ up: true, regions: { [PRIMARY]: { stale: false } } });
    expect(older).toMatchObject({ up: false, regions: { [PRIMARY]: { reachable: true, stale: true } } });
  });

  it('refreshes in the background on its interval and stops on shutdown', async () => {
    // Arrange: only the refresher's interval is faked; the HTTP calls it starts are real. Each refresh the
    // service starts is awaited through a pass-through spy, so no count depends on a sleep.
    jest.useFakeTimers({ doNotFake: [...EVERYTHING_BUT_INTERVALS] });
    const subject = reachabilityOf({ [PRIMARY]: emulator.url });
    const refreshes = jest.spyOn(subject, 'refresh');
    const settled = () => Promise.all(refreshes.mock.results.map((result) => result.value));
    await subject.onApplicationBootstrap();
    const counts = [listCalls().length];

    // Act
    for (let tick = 0; tick < 2; tick += 1) {
      jest.advanceTimersByTime(OPTIONS.bedrockIntervalMs - 1);
      await settled();
      counts.push(listCalls().length);
      jest.advanceTimersByTime(1);
      await settled();
      counts.push(listCalls().length);
    }
    subject.onApplicationShutdown();
    jest.advanceTimersByTime(OPTIONS.bedrockIntervalMs * 2);
    await settled();

    // Assert
    expect(counts).toEqual([1, 1, 2, 2, 3]);
    expect(listCalls()).toHaveLength(3);
  });
});
