import type { BedrockEmulator } from '@app/bedrock-emulator';
import { UsageLedger } from '@app/usage';
import { FlakyUsageStore } from '../../libs/usage/src/testing/flaky-usage.store';
import { TestGateway, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// A usage store outage in the middle of HTTP traffic: calls keep answering, and once the store is back
// every call is stored exactly once (buffer + spill file + replay, idempotent by ingest id).
describe('usage ledger — store outage during traffic', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let store: FlakyUsageStore | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway(
      { BEDROCK_ENDPOINT_URL: emulator.url, USAGE_FLUSH_INTERVAL_MS: '10' },
      { wrapUsageStore: (inner) => (store = new FlakyUsageStore(inner)) },
    );
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  const traffic = async (calls: number) => {
    const responses = await Promise.all(
      Array.from({ length: calls }, () =>
        postJson(`${gateway.url}/bedrock/chat`, { message: 'Hello', model: 'llama-3-1' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    return responses.map((response) => response.json.id as string);
  };

  it('loses no record and counts none twice', async () => {
    // Arrange
    const ledger = gateway.app.get(UsageLedger);
    const flaky = store!;
    const ids = await traffic(10);
    // Act: the store fails after one more write, while calls keep coming (that write may hold all of the
    // next 15 records, or some: the next 5 come after it either way)
    flaky.failAfter = 1;
    ids.push(...(await traffic(15)));
    await ledger.flush();
    ids.push(...(await traffic(5)));
    await ledger.flush(); // cannot write: what is left goes to the spill file
    const during = ledger.health();
    ids.push(...(await traffic(15)));
    flaky.failing = false;
    flaky.failAfter = null;
    ids.push(...(await traffic(10)));
    const stored = await gateway.usageRecords();
    // Assert
    expect(during.storeAvailable).toBe(false);
    expect(during.spillPending).toBe(true);
    expect(stored.map((event) => event.requestId).sort()).toEqual([...ids].sort());
    expect(ledger.health()).toMatchObject({ storeAvailable: true, spillPending: false, recordsDropped: 0 });
  });
});
