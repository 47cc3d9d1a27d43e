import type { BedrockEmulator } from '@app/bedrock-emulator';
import { UsageStore } from '@app/usage';
import { BedrockReachability } from '../../apps/gateway/src/health/bedrock-reachability.service';
import { DrainState } from '../../apps/gateway/src/health/drain-state';
import { ModelAvailability } from '../../apps/gateway/src/models/model-availability.service';
import { TestGateway, getJson, startEmulator, startGateway } from '../support/gateway-harness';

// /health/live, /health/ready and /health: terminus indicators up and down, against the real emulator.
const waitFor = async (predicate: () => Promise<boolean>, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await predicate()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('health probes', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeEach(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await gateway.close();
    await emulator.stop();
  });

  const ready = () => getJson(`${gateway.url}/health/ready`);
  const live = () => getJson(`${gateway.url}/health/live`);

  it('is ready with every indicator up, in terminus’s body, on /health/ready and /health', async () => {
    // Act
    const responses = [await ready(), await getJson(`${gateway.url}/health`)];
    // Assert
    for (const { status, json } of responses) {
      expect(status).toBe(200);
      expect(json.status).toBe('ok');
      expect(json.error).toEqual({});
      expect(Object.keys(json.info).sort()).toEqual(['bedrock', 'counters', 'shutdown', 'usage_store']);
      expect(json.details.counters).toMatchObject({ status: 'up', backend: 'memory' });
      expect(json.details.bedrock.regions['us-east-1']).toMatchObject({ reachable: true, stale: false });
      expect(json.details.usage_store).toMatchObject({ status: 'up', ledger: 'ok' });
    }
  });

  it('answers probes whatever their query string holds, inherited names included', async () => {
    for (const query of ['?__proto__=x', '?constructor=1', '?toString', '?x=1']) {
      expect((await getJson(`${gateway.url}/health/live${query}`)).status).toBe(200);
      expect((await getJson(`${gateway.url}/health/ready${query}`)).status).toBe(200);
    }
  });

  it('never invokes a model: readiness makes no Bedrock call at all (the refresher does, in the background)', async () => {
    // Arrange: let the boot-time background fetches settle.
    await gateway.app.get(ModelAvailability).refresh();
    emulator.clearRequests();
    // Act
    for (let i = 0; i < 5; i++) await ready();
    // Assert
    expect(emulator.requests).toEqual([]);
  });

  it('turns 503 with bedrock down when Bedrock is unreachable, while /health/live stays 200', async () => {
    // Arrange
    await emulator.stop();
    await gateway.app.get(BedrockReachability).refresh();
    // Act
    const { status, json } = await ready();
    // Assert
    expect(status).toBe(503);
    expect(json.status).toBe('error');
    expect(json.error.bedrock.status).toBe('down');
    expect(json.error.bedrock.regions['us-east-1']).toMatchObject({
      reachable: false,
      error: expect.any(String),
    });
    expect(json.info.usage_store.status).toBe('up');
    expect((await live()).status).toBe(200);
    await emulator.start({ port: 0 }); // afterEach stops it
  });

  it('counts a 5xx from the control plane as down and a 4xx (missing IAM permission) as reachable', async () => {
    // Arrange
    const reachability = gateway.app.get(BedrockReachability);
    emulator.setFaults([{ kind: 'internal', operation: 'ListFoundationModels' }]);
    await reachability.refresh();
    const onServerError = await ready();
    emulator.setFaults([{ kind: 'access-denied', operation: 'ListFoundationModels' }]);
    await reachability.refresh();
    // Act
    const onAccessDenied = await ready();
    // Assert
    expect(onServerError.status).toBe(503);
    expect(onServerError.json.error.bedrock.status).toBe('down');
    expect(onAccessDenied.status).toBe(200);
    // The error's name only: AWS's message can name the account, the role and the instance.
    expect(onAccessDenied.json.info.bedrock.regions['us-east-1'].error).toBe('AccessDeniedException');
  });

  it('turns 503 with usage_store down when the store refuses writes', async () => {
    // Arrange
    jest
      .spyOn(gateway.app.get(UsageStore), 'probeWrite')
      .mockRejectedValue(new Error('SQLITE_READONLY: attempt to write a readonly database'));
    // Act: the last good probe is reused for up to a second, then the failure shows.
    await waitFor(async () => (await ready()).status === 503);
    const { status, json } = await ready();
    // Assert
    expect(status).toBe(503);
    expect(json.error.usage_store).toMatchObject({
      status: 'down',
      error: expect.stringContaining('SQLITE_READONLY'),
    });
    expect(json.info.bedrock.status).toBe('up');
  });

  it('turns 503 with shutdown down once draining, while /health/live stays 200', async () => {
    // Arrange
    gateway.app.get(DrainState).start();
    // Act
    const { status, json } = await ready();
    // Assert
    expect(status).toBe(503);
    expect(json.error.shutdown).toMatchObject({ status: 'down', draining: true, since: expect.any(String) });
    expect((await live()).json).toEqual({ status: 'ok' });
  });
});
