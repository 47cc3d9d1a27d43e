import type { BedrockEmulator } from '@app/bedrock-emulator';
import { UsageStore } from '@app/usage';
import { makeRecords } from '../../libs/usage/src/testing/usage-event.fixture';
import { TestGateway, getJson, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import { testLedgers, type TestLedger } from '../support/test-ledgers';

// The /usage/* reports over HTTP, fed by real chat calls through the ledger: into a temporary SQLite file,
// and into a database of its own on PostgreSQL (DATABASE_URL; mandatory with CI=true).
const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0';

const LEDGERS = testLedgers('usage reports on PostgreSQL');

describe.each(LEDGERS)('GET /usage/* — reports of recorded chat calls (%s ledger)', (_store, makeLedger) => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let ledger: TestLedger;
  const chatIds: string[] = [];
  const chat = async (model: string) => {
    const response = await postJson(`${gateway.url}/bedrock/chat`, { message: 'Hello', model });
    expect(response.status).toBe(200);
    chatIds.push(response.json.id as string);
    return response.json;
  };
  const usage = (path: string) => getJson(`${gateway.url}/usage/${path}`);

  beforeAll(async () => {
    emulator = await startEmulator();
    ledger = await makeLedger();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, ...ledger.env });
    await chat('claude-3-haiku');
    await chat('llama-3-1');
    await chat('claude-3-haiku');
    await chat('llama-3-1');
    await chat(HAIKU_ID);
    await gateway.usageRecords(); // flushes the ledger
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    await ledger.drop();
  });

  it('shows a chat call in the summary with its cost and latency', async () => {
    // Arrange
    const answer = await chat('mistral-large');
    const recorded = (await gateway.usageRecords()).find((event) => event.requestId === answer.id)!;
    // Act
    const { status, json } = await usage('summary?group_by=model');
    // Assert
    expect(status).toBe(200);
    const row = json.rows.find((r: { key: string }) => r.key === recorded.modelId);
    expect(row).toMatchObject({ requests: 1, errors: 0, input_tokens: answer.tokens_used.input_tokens });
    expect(row.output_tokens).toBe(answer.tokens_used.output_tokens);
    expect(row.cost_usd).toBeCloseTo(answer.estimated_cost, 9);
    // The recorded latency is the call's whole time: Bedrock's wait plus the gateway's own, at least what
    // the answer reported when it was built.
    expect(recorded.latencyMs).toBeCloseTo(recorded.bedrockLatencyMs! + recorded.gatewayOverheadMs, 6);
    expect(recorded.latencyMs).toBeGreaterThanOrEqual(answer.processing_time_ms - 0.05); // shown to 0.1 ms
    expect(row.latency_ms.avg).toBeCloseTo(recorded.latencyMs, 2); // shown to 0.001 ms
    expect(row.latency_ms.p99).toBeCloseTo(recorded.latencyMs, 2); // shown to 0.001 ms
    expect(json.totals.requests).toBe(chatIds.length);
  });

  it('groups by family with percentiles and totals', async () => {
    // Act
    const { status, json } = await usage('summary?group_by=family');
    // Assert
    expect(status).toBe(200);
    expect(json.group_by).toBe('family');
    const anthropic = json.rows.find((r: { key: string }) => r.key === 'anthropic');
    expect(anthropic.requests).toBe(3);
    expect(Object.keys(anthropic.latency_ms).sort()).toEqual(['avg', 'p50', 'p95', 'p99']);
    expect(json.totals.requests).toBe(
      json.rows.reduce((n: number, r: { requests: number }) => n + r.requests, 0),
    );
  });

  it('counts nothing outside the requested range', async () => {
    // Act
    const { json } = await usage('summary?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z');
    // Assert
    expect(json.rows).toEqual([]);
    expect(json.totals.requests).toBe(0);
  });

  it('pages /usage/requests newest first, each row exactly once', async () => {
    // Act
    const seen: { request_id: string; timestamp: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const { status, json } = await usage(`requests?limit=2${query}`);
      expect(status).toBe(200);
      seen.push(...json.rows);
      cursor = json.next_cursor;
      pages += 1;
    } while (cursor !== null);
    // Assert
    expect(pages).toBe(Math.ceil(chatIds.length / 2));
    expect(seen.map((row) => row.request_id).sort()).toEqual([...chatIds].sort());
    const times = seen.map((row) => Date.parse(row.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by model given as an alias or as an id, identically', async () => {
    // Act
    const byAlias = await usage('requests?model=claude-3-haiku');
    const byId = await usage(`requests?model=${encodeURIComponent(HAIKU_ID)}`);
    // Assert
    expect(byAlias.json.rows).toHaveLength(3);
    expect(byId.json.rows).toEqual(byAlias.json.rows);
    expect(byAlias.json.rows.every((row: { model_id: string }) => row.model_id === HAIKU_ID)).toBe(true);
  });

  it('filters by status', async () => {
    // Act
    const errors = await usage('requests?status=error');
    const successes = await usage('requests?status=success&limit=1000');
    // Assert
    expect(errors.json.rows).toEqual([]);
    expect(successes.json.rows.length).toBe(chatIds.length);
  });

  it('exports the rows as a CSV download', async () => {
    // Act
    const response = await usage('export?format=csv');
    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
    const lines = response.text.split('\r\n').filter((line) => line !== '');
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['id', 'request_id', 'timestamp']);
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',')[1])
        .sort(),
    ).toEqual([...chatIds].sort());
  });

  it("gives /usage/me the caller's own tenant only", async () => {
    // Arrange: another tenant's calls, written straight into the store
    await gateway.app
      .get(UsageStore)
      .insertBatch(makeRecords(4, () => ({ tenant: 'someone-else', timestamp: Date.now() - 1000 })));
    // Act
    const me = await usage('me');
    const all = await usage('summary?group_by=tenant');
    // Assert
    expect(me.status).toBe(200);
    expect(me.json.totals.requests).toBe(chatIds.length);
    const tenants = all.json.rows.map((row: { key: string }) => row.key);
    expect(tenants).toContain('someone-else');
    expect(all.json.totals.requests).toBe(chatIds.length + 4);
  });

  it('keeps the first page’s default range on later pages, so rows near its start are not skipped', async () => {
    // Arrange: three recent rows and one a few seconds inside the default 24 hours
    const now = Date.now();
    const stamps = [now - 1000, now - 2000, now - 3000, now - 86_400_000 + 1500];
    await gateway.app
      .get(UsageStore)
      .insertBatch(makeRecords(4, (index) => ({ tenant: 'sliding', timestamp: stamps[index]! })));
    const first = await usage('requests?tenant=sliding&limit=3');
    expect(first.json.rows).toHaveLength(3);
    // Act: the next page after the oldest row's moment has left "the last 24 hours"
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const next = await usage(
      `requests?tenant=sliding&limit=3&cursor=${encodeURIComponent(first.json.next_cursor)}`,
    );
    // Assert
    expect(next.status).toBe(200);
    expect(next.json.rows.map((row: { timestamp: string }) => Date.parse(row.timestamp))).toEqual([
      stamps[3],
    ]);
  });
});
