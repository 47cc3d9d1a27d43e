import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, getJson, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import { sampleValue } from './prometheus-text';

// GET /metrics after real traffic: the usage tee, the resilience observer and the circuit gauge.
const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const CHAT = { model: HAIKU_ID, family: 'anthropic', route: '/bedrock/chat' };

describe('GET /metrics', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  const scrape = async () => {
    const response = await getJson(`${gateway.url}/metrics`);
    expect(response.status).toBe(200);
    return response.text;
  };
  const chat = () => postJson(`${gateway.url}/bedrock/chat`, { message: 'Hello', model: 'claude-3-haiku' });

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      BEDROCK_MAX_ATTEMPTS: '3',
      BEDROCK_CIRCUIT_FAILURES: '4',
      BEDROCK_CIRCUIT_HALF_OPEN_MS: '60000',
    });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('serves Prometheus text with the process metrics', async () => {
    // Act
    const response = await getJson(`${gateway.url}/metrics`);
    // Assert
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(response.text).toContain('# TYPE gateway_request_duration_seconds histogram');
  });

  it('counts a successful call in the latency histogram and the token and cost counters', async () => {
    // Arrange
    const success = { ...CHAT, status: 'success' };
    const before = await scrape();
    // Act
    const { json } = await chat();
    const after = await scrape();
    // Assert
    const count = (text: string) => sampleValue(text, 'gateway_request_duration_seconds_count', success) ?? 0;
    expect(count(after) - count(before)).toBe(1);
    const tokens = (text: string, direction: string) =>
      sampleValue(text, 'gateway_tokens_total', { ...success, direction }) ?? 0;
    expect(tokens(after, 'input') - tokens(before, 'input')).toBe(json.tokens_used.input_tokens);
    expect(tokens(after, 'output') - tokens(before, 'output')).toBe(json.tokens_used.output_tokens);
    const cost = (text: string) => sampleValue(text, 'gateway_cost_usd_total', success) ?? 0;
    expect(cost(after) - cost(before)).toBeCloseTo(json.estimated_cost, 9);
  });

  it('times the first token of a streamed call, and only of streamed calls', async () => {
    // Arrange
    const success = { ...CHAT, status: 'success' };
    const count = (text: string) =>
      sampleValue(text, 'gateway_time_to_first_token_seconds_count', success) ?? 0;
    const sum = (text: string) => sampleValue(text, 'gateway_time_to_first_token_seconds_sum', success) ?? 0;
    const before = await scrape();
    // Act
    await chat();
    const streamed = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hello',
      model: 'claude-3-haiku',
      stream: true,
    });
    const after = await scrape();
    // Assert: one observation, shorter than the whole call
    expect(streamed.status).toBe(200);
    expect(count(after) - count(before)).toBe(1);
    const seconds = sum(after) - sum(before);
    expect(seconds).toBeGreaterThan(0);
    const total = (text: string) => sampleValue(text, 'gateway_request_duration_seconds_sum', success) ?? 0;
    expect(seconds).toBeLessThan(total(after) - total(before));
  });

  it('shows the calls in flight, back to 0 once they are recorded', async () => {
    // Arrange: Bedrock answers after 1 s
    emulator.setFaults([{ kind: 'latency', latencyMs: 1000 }]);
    const inFlight = async () => sampleValue(await scrape(), 'gateway_calls_in_flight', {});
    expect(await inFlight()).toBe(0);
    // Act
    const pending = chat();
    let during = 0;
    for (let tries = 0; tries < 100 && during === 0; tries += 1) {
      during = (await inFlight()) ?? 0;
      if (during === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await pending).status).toBe(200);
    // Assert: counted while under way, and no longer once recorded (a tick after the answer)
    expect(during).toBe(1);
    let after = await inFlight();
    for (let tries = 0; tries < 100 && after !== 0; tries += 1) after = await inFlight();
    expect(after).toBe(0);
  });

  it('counts the retries of a throttled call and keeps its circuit closed', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'throttle', times: 2 }]);
    const labels = { model: HAIKU_ID, region: 'us-east-1', code: 'upstream_throttled' };
    const before = sampleValue(await scrape(), 'gateway_upstream_retries_total', labels) ?? 0;
    // Act
    const response = await chat();
    const after = await scrape();
    // Assert
    expect(response.status).toBe(200);
    expect(sampleValue(after, 'gateway_upstream_retries_total', labels)! - before).toBe(2);
    expect(sampleValue(after, 'gateway_circuit_state', { model: HAIKU_ID, region: 'us-east-1' })).toBe(0);
  });

  it('counts a failed call as an error with its code, and shows the circuit open after repeated failures', async () => {
    // Arrange: 3 attempts per call, the circuit opens at 4 consecutive failures
    emulator.setFaults([{ kind: 'throttle' }]);
    const failed = { ...CHAT, status: 'error', code: 'upstream_throttled' };
    const before = sampleValue(await scrape(), 'gateway_errors_total', failed) ?? 0;
    // Act: the second call's first failure opens the circuit (it ends with that throttle, without
    // retrying into the open circuit); the third finds it open
    const first = await chat();
    const second = await chat();
    const third = await chat();
    const after = await scrape();
    // Assert
    expect([first.status, second.status, third.status]).toEqual([429, 429, 503]);
    expect(sampleValue(after, 'gateway_errors_total', failed)! - before).toBe(2);
    expect(sampleValue(after, 'gateway_errors_total', { ...failed, code: 'upstream_unavailable' })).toBe(1);
    expect(sampleValue(after, 'gateway_circuit_state', { model: HAIKU_ID, region: 'us-east-1' })).toBe(1);
    const opened = { model: HAIKU_ID, region: 'us-east-1', state: 'open' };
    expect(sampleValue(after, 'gateway_circuit_transitions_total', opened)).toBe(1);
  });
});

describe('GET /metrics — region failover', () => {
  it('counts a failover from the primary region to the next', async () => {
    // Arrange
    const primary = await startEmulator({ region: 'us-east-1' });
    const secondary = await startEmulator({ region: 'us-west-2' });
    const gateway = await startGateway({
      BEDROCK_REGION_ENDPOINTS: `us-east-1=${primary.url},us-west-2=${secondary.url}`,
      BEDROCK_FAILOVER_REGIONS: 'us-west-2',
    });
    primary.setFaults([{ kind: 'throttle' }]);
    try {
      // Act
      const response = await postJson(`${gateway.url}/bedrock/chat`, {
        message: 'Hi',
        model: 'claude-3-haiku',
      });
      const text = (await getJson(`${gateway.url}/metrics`)).text;
      // Assert
      expect(response.json.region).toBe('us-west-2');
      const moved = { model: HAIKU_ID, from: 'us-east-1', to: 'us-west-2' };
      expect(sampleValue(text, 'gateway_upstream_failovers_total', moved)).toBe(1);
      // Retries as the ledger counts them (attempts − 1), the attempt in the failover region included.
      const [record] = await gateway.usageRecords();
      const retried = (region: string) =>
        sampleValue(text, 'gateway_upstream_retries_total', {
          model: HAIKU_ID,
          region,
          code: 'upstream_throttled',
        }) ?? 0;
      expect(record!.retries).toBeGreaterThan(0);
      expect(retried('us-east-1') + retried('us-west-2')).toBe(record!.retries);
    } finally {
      await gateway.close();
      await primary.stop();
      await secondary.stop();
    }
  });
});
