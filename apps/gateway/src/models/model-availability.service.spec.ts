import { BedrockClients, CATALOG_DATA } from '@app/bedrock';
import { BedrockEmulator } from '@app/bedrock-emulator';
import {
  bedrockClientsAt,
  EVERYTHING_BUT_INTERVALS,
} from '../../../../libs/bedrock/src/testing/emulator-clients';
import { ModelAvailability } from './model-availability.service';
import { DEFAULT_MODEL_AVAILABILITY_OPTIONS as OPTIONS } from './models.constants';

const REGION = 'us-east-1';
const [LISTED, UNLISTED] = CATALOG_DATA.models;

describe('ModelAvailability', () => {
  // The region lists the first catalog model only, so the second one is known and yet unavailable.
  const emulator = new BedrockEmulator({ models: [LISTED!] });
  let clients: BedrockClients;
  let availability: ModelAvailability;
  const listCalls = () => emulator.requests.filter((request) => request.operation === 'ListFoundationModels');

  beforeAll(() => emulator.start({ port: 0, host: '127.0.0.1' }));
  afterAll(() => emulator.stop());
  beforeEach(() => {
    clients = bedrockClientsAt({ [REGION]: emulator.url });
    availability = new ModelAvailability(clients, OPTIONS);
  });
  afterEach(() => {
    availability.onApplicationShutdown();
    clients.onApplicationShutdown();
    emulator.reset();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('is unknown before the first list, then says which models the region lists', async () => {
    // Arrange
    const before = availability.isAvailable(LISTED!.modelId);

    // Act
    await availability.refresh();

    // Assert
    expect(before).toBeUndefined();
    expect(listCalls()).toMatchObject([{ status: 200 }]);
    expect(availability.isAvailable(LISTED!.modelId)).toBe(true);
    expect(availability.isAvailable(UNLISTED!.modelId)).toBe(false);
  });

  it('keeps the last list while the control plane fails, until it is too old', async () => {
    // Arrange: a clock that moves only when told to
    let now = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    await availability.refresh();
    emulator.setFaults([{ kind: 'unavailable', operation: 'ListFoundationModels' }]);

    // Act
    now += OPTIONS.maxAgeMs;
    await availability.refresh();
    const whileFailing = availability.isAvailable(LISTED!.modelId);
    now += 1;
    const tooOld = availability.isAvailable(LISTED!.modelId);

    // Assert
    expect(listCalls()).toMatchObject([
      { status: 200 },
      { status: 503, errorType: 'ServiceUnavailableException' },
    ]);
    expect(whileFailing).toBe(true);
    expect(tooOld).toBeUndefined();
  });

  it('fetches in the background on its interval, never on a read', async () => {
    // Arrange: only the refresher's interval is faked; the HTTP calls it starts are real. Each refresh the
    // service starts is awaited through a pass-through spy, so no count depends on a sleep.
    jest.useFakeTimers({ doNotFake: [...EVERYTHING_BUT_INTERVALS] });
    const refreshes = jest.spyOn(availability, 'refresh');
    const settled = () => Promise.all(refreshes.mock.results.map((result) => result.value));

    // Act
    availability.onApplicationBootstrap();
    await settled();
    const atBoot = listCalls().length;
    for (let i = 0; i < 10; i++) availability.isAvailable(LISTED!.modelId);
    jest.advanceTimersByTime(OPTIONS.refreshIntervalMs - 1);
    await settled();
    const beforeTheInterval = listCalls().length;
    jest.advanceTimersByTime(1);
    await settled();
    const afterTheInterval = listCalls().length;
    availability.onApplicationShutdown();
    jest.advanceTimersByTime(OPTIONS.refreshIntervalMs * 3);
    await settled();

    // Assert
    expect([atBoot, beforeTheInterval, afterTheInterval]).toEqual([1, 1, 2]);
    expect(listCalls()).toHaveLength(2);
  });
});
