import type { BedrockClients } from '@app/bedrock';
import { ModelAvailability } from './model-availability.service';
import { DEFAULT_MODEL_AVAILABILITY_OPTIONS as OPTIONS } from './models.constants';

const clientsWith = (send: jest.Mock) =>
  ({ regions: ['us-east-1'], control: () => ({ send }) }) as unknown as BedrockClients;
const listing = (...ids: string[]) => ({ modelSummaries: ids.map((modelId) => ({ modelId })) });

describe('ModelAvailability', () => {
  afterEach(() => jest.useRealTimers());

  it('is unknown before the first list, then says which models the region lists', async () => {
    // Arrange
    const availability = new ModelAvailability(
      clientsWith(jest.fn().mockResolvedValue(listing('a.one'))),
      OPTIONS,
    );
    const before = availability.isAvailable('a.one');
    // Act
    await availability.refresh();
    // Assert
    expect(before).toBeUndefined();
    expect(availability.isAvailable('a.one')).toBe(true);
    expect(availability.isAvailable('b.two')).toBe(false);
  });

  it('keeps the last list while the control plane fails, until it is too old', async () => {
    // Arrange
    jest.useFakeTimers({ now: 0 });
    const send = jest
      .fn()
      .mockResolvedValueOnce(listing('a.one'))
      .mockRejectedValue(new Error('ECONNREFUSED'));
    const availability = new ModelAvailability(clientsWith(send), OPTIONS);
    await availability.refresh();
    // Act
    await availability.refresh();
    const whileFailing = availability.isAvailable('a.one');
    jest.setSystemTime(OPTIONS.maxAgeMs + 1);
    // Assert
    expect(whileFailing).toBe(true);
    expect(availability.isAvailable('a.one')).toBeUndefined();
  });

  it('fetches in the background on its interval, never on a read', async () => {
    // Arrange
    jest.useFakeTimers();
    const send = jest.fn().mockResolvedValue(listing('a.one'));
    const availability = new ModelAvailability(clientsWith(send), OPTIONS);
    // Act
    availability.onApplicationBootstrap();
    for (let i = 0; i < 10; i++) availability.isAvailable('a.one');
    await jest.advanceTimersByTimeAsync(OPTIONS.refreshIntervalMs);
    availability.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(OPTIONS.refreshIntervalMs * 3);
    // Assert
    expect(send).toHaveBeenCalledTimes(2);
  });
});
