import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// Region failover and the circuit breaker, with one emulator per region.
const invokes = (emulator: BedrockEmulator) =>
  emulator.requests.filter((r) => r.operation.startsWith('InvokeModel'));

describe('POST /bedrock/chat — region failover and the circuit breaker', () => {
  let primary: BedrockEmulator;
  let secondary: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    primary = await startEmulator({ region: 'us-east-1' });
    secondary = await startEmulator({ region: 'us-west-2' });
    gateway = await startGateway({
      BEDROCK_REGION_ENDPOINTS: `us-east-1=${primary.url},us-west-2=${secondary.url}`,
      BEDROCK_FAILOVER_REGIONS: 'us-west-2',
      BEDROCK_CIRCUIT_FAILURES: '3',
      BEDROCK_CIRCUIT_HALF_OPEN_MS: '60000',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await primary.stop();
    await secondary.stop();
  });

  it('answers from region B when region A keeps throttling', async () => {
    // Arrange
    primary.setFaults([{ kind: 'throttle' }]);
    const before = (await gateway.usageRecords()).length;
    // Act
    const response = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hello',
      model: 'claude-3-haiku',
    });
    // Assert
    expect(response.status).toBe(200);
    expect(response.json.region).toBe('us-west-2');
    expect(invokes(primary)).toHaveLength(3);
    expect(invokes(secondary)).toHaveLength(1);
    expect((await gateway.usageRecords()).slice(before)[0]).toMatchObject({
      region: 'us-west-2',
      failoverRegion: 'us-west-2',
      retries: 3,
    });
  });

  it('stops calling region A once its circuit is open', async () => {
    // Arrange: the previous test opened the circuit for claude-3-haiku in us-east-1 (3 failures)
    primary.reset();
    primary.setFaults([{ kind: 'throttle' }]);
    // Act
    const response = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hello again',
      model: 'claude-3-haiku',
    });
    // Assert
    expect(response.status).toBe(200);
    expect(response.json.region).toBe('us-west-2');
    expect(invokes(primary)).toHaveLength(0);
  });

  it('does not fail over on a caller error', async () => {
    secondary.reset();
    primary.reset();
    const response = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hi',
      model: 'claude-3-5-sonnet',
      max_tokens: 5,
    });
    expect(response.status).toBe(200);
    primary.setFaults([{ kind: 'error', errorType: 'ValidationException' }]);
    const failed = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hi',
      model: 'claude-3-5-sonnet',
    });
    expect(failed.status).toBe(400);
    expect(invokes(secondary)).toHaveLength(0);
  });

  it('records the failover region of a call that failed there too (blocking and streamed)', async () => {
    // Arrange: every attempt in both regions fails, for two models not used above (their circuits are
    // closed; each call opens its model's two circuits)
    primary.reset();
    secondary.reset();
    const unavailable = [{ kind: 'unavailable' as const }];
    primary.setFaults(unavailable);
    secondary.setFaults(unavailable);
    const before = (await gateway.usageRecords()).length;
    // Act
    const blocking = await postJson(`${gateway.url}/bedrock/chat`, { message: 'Hi', model: 'llama-3-1' });
    const streamed = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hi',
      model: 'mistral-large',
      stream: true,
    });
    // Assert
    expect([blocking.status, streamed.status]).toEqual([503, 503]);
    expect(invokes(secondary).length).toBeGreaterThan(0);
    const records = (await gateway.usageRecords()).slice(before);
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record).toMatchObject({
        status: 'error',
        errorCode: 'upstream_unavailable',
        region: 'us-west-2',
        failoverRegion: 'us-west-2',
      });
    }
    primary.reset();
    secondary.reset();
  });
});

describe('POST /bedrock/chat — failover keeps an inference profile in its geography', () => {
  let primary: BedrockEmulator;
  let europe: BedrockEmulator;
  let west: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    primary = await startEmulator({ region: 'us-east-1', faults: [{ kind: 'throttle' }] });
    europe = await startEmulator({ region: 'eu-west-1' });
    west = await startEmulator({ region: 'us-west-2' });
    gateway = await startGateway({
      BEDROCK_REGION_ENDPOINTS: `us-east-1=${primary.url},eu-west-1=${europe.url},us-west-2=${west.url}`,
      BEDROCK_FAILOVER_REGIONS: 'eu-west-1,us-west-2',
      BEDROCK_CIRCUIT_FAILURES: '1000',
    });
  });
  beforeEach(() => {
    europe.reset();
    west.reset();
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([primary.stop(), europe.stop(), west.stop()]);
  });

  it('fails a us. profile over to us-west-2 only, past eu-west-1 (which would refuse the id)', async () => {
    // Act: claude-3-5-haiku is served through the us. profile only
    const response = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hi',
      model: 'claude-3-5-haiku',
    });
    // Assert
    expect(response.status).toBe(200);
    expect(response.json.region).toBe('us-west-2');
    expect(invokes(europe)).toHaveLength(0);
    expect(invokes(west).map((r) => r.modelId)).toEqual(['us.anthropic.claude-3-5-haiku-20241022-v1:0']);
  });

  it('fails a base model id over to the first failover region, in any geography', async () => {
    // Act
    const response = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hi',
      model: 'claude-3-haiku',
    });
    // Assert
    expect(response.status).toBe(200);
    expect(response.json.region).toBe('eu-west-1');
    expect(invokes(west)).toHaveLength(0);
  });
});
