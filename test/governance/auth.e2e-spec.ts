import type { BedrockEmulator } from '@app/bedrock-emulator';
import { request } from 'node:http';
import { TestGateway, overheadMsOf, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import {
  bearer,
  bedrockCalls,
  writeGatewayConfig,
  type GatewayConfigFile,
} from './support/governance-fixture';

// Authentication on every route but /health/*, admin-only routes, and the usage records of refusals.
describe('authentication and admin routes', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;
  const chat = { model: 'claude-3-haiku', message: 'Hello there', max_tokens: 20 };

  beforeAll(async () => {
    emulator = await startEmulator();
    config = writeGatewayConfig([
      { id: 'platform', keys: [{ id: 'platform-admin', role: 'admin' }] },
      { id: 'search', keys: [{ id: 'search-ci' }, { id: 'search-old', revoked: true }] },
    ]);
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, GATEWAY_CONFIG: config.path });
  });

  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  const chatUrl = () => `${gateway.url}/bedrock/chat`;

  it('refuses a model call without a key: 401 unauthorized, and Bedrock is not called', async () => {
    emulator.clearRequests();

    const response = await postJson(chatUrl(), chat);

    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('unauthorized');
    expect(response.json.error.request_id).toBe(response.headers.get('x-request-id'));
    expect(bedrockCalls(emulator)).toHaveLength(0);
    // A model route's every answer says what the gateway spent (API.md), a refusal too
    expect(overheadMsOf(response.headers)).toBeGreaterThan(0);
  });

  it('sends x-gateway-overhead-ms on model routes only', async () => {
    const models = await fetch(`${gateway.url}/bedrock/models`, { headers: bearer(config.key('search-ci')) });

    expect(models.status).toBe(200);
    expect(models.headers.has('x-gateway-overhead-ms')).toBe(false);
  });

  it('refuses an unknown key and a revoked key alike', async () => {
    const unknown = await postJson(chatUrl(), chat, bearer('bgw_not-a-key-of-this-gateway'));
    const revoked = await postJson(chatUrl(), chat, { 'x-api-key': config.key('search-old') });

    expect([unknown.status, revoked.status]).toEqual([401, 401]);
    expect(unknown.json.error.code).toBe('unauthorized');
    expect(revoked.json.error).toMatchObject({ code: 'unauthorized', message: unknown.json.error.message });
    expect(Object.keys(revoked.json.error).sort()).toEqual(Object.keys(unknown.json.error).sort());
    expect(revoked.text).not.toContain('revoked_key');
  });

  it('accepts a valid key as Bearer or x-api-key', async () => {
    const viaBearer = await postJson(chatUrl(), chat, bearer(config.key('search-ci')));
    const viaHeader = await postJson(chatUrl(), chat, { 'x-api-key': config.key('search-ci') });

    expect([viaBearer.status, viaHeader.status]).toEqual([200, 200]);
  });

  it('takes x-api-key beside an Authorization header that is not a Bearer credential (a proxy’s own)', async () => {
    const key = config.key('search-ci');
    const basic = await postJson(chatUrl(), chat, { authorization: 'Basic dXNlcjpwdw==', 'x-api-key': key });
    const same = await postJson(chatUrl(), chat, { ...bearer(key), 'x-api-key': key });

    expect([basic.status, same.status]).toEqual([200, 200]);
  });

  it('refuses two different keys in Authorization and x-api-key with 401, recorded as conflicting_keys', async () => {
    const response = await postJson(chatUrl(), chat, {
      ...bearer(config.key('search-ci')),
      'x-api-key': config.key('search-old'),
    });

    expect(response.status).toBe(401);
    expect(response.json.error.message).toContain('different keys');
    const record = (await gateway.usageRecords()).find(
      (event) => event.requestId === response.headers.get('x-request-id'),
    );
    expect(record).toMatchObject({
      status: 'denied',
      metadata: { 'gateway.denial_reason': 'conflicting_keys' },
    });
  });

  it.each([
    ['different keys', 'search-old', 401],
    ['the same key', 'search-ci', 200],
  ])('refuses two Authorization headers only when they carry %s', async (_, second, status) => {
    // Node keeps only the first Authorization header: a second key used to be ignored silently.
    const statusOf = (rawHeaders: string[]) =>
      new Promise<number | undefined>((resolve, reject) => {
        const outgoing = request(chatUrl(), { method: 'POST', headers: rawHeaders }, (response) => {
          response.resume();
          resolve(response.statusCode);
        });
        outgoing.on('error', reject);
        outgoing.end(JSON.stringify(chat));
      });
    const first = `Bearer ${config.key('search-ci')}`;
    const again = `Bearer ${config.key(second)}`;

    const answered = await statusOf([
      'host',
      'localhost',
      'content-type',
      'application/json',
      'authorization',
      first,
      'authorization',
      again,
    ]);

    expect(answered).toBe(status);
  });

  it.each([
    ['different keys', 'search-old', 401],
    ['the same key', 'search-ci', 200],
  ])('refuses two x-api-key headers only when they carry %s', async (_, second, status) => {
    // Node joins repeated x-api-key headers with ", ": the joined text was no key at all (401 invalid_key).
    const answered = await new Promise<number | undefined>((resolve, reject) => {
      const headers = ['host', 'localhost', 'content-type', 'application/json'];
      headers.push('x-api-key', config.key('search-ci'), 'x-api-key', config.key(second));
      const outgoing = request(chatUrl(), { method: 'POST', headers }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify(chat));
    });

    expect(answered).toBe(status);
  });

  it.each(['/health/live', '/health/ready', '/health'])('serves %s without a key', async (path) => {
    const response = await fetch(`${gateway.url}${path}`);

    expect(response.status).toBe(200);
  });

  it.each(['/usage/summary', '/usage/requests', '/usage/export?format=csv', '/metrics'])(
    'keeps %s from user keys (403 forbidden) and opens it to admin keys',
    async (path) => {
      const asUser = await fetch(`${gateway.url}${path}`, { headers: bearer(config.key('search-ci')) });
      const asAdmin = await fetch(`${gateway.url}${path}`, { headers: bearer(config.key('platform-admin')) });
      const anonymous = await fetch(`${gateway.url}${path}`);

      expect(asUser.status).toBe(403);
      expect(((await asUser.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      expect(asAdmin.status).toBe(200);
      expect(anonymous.status).toBe(401);
    },
  );

  it('records every refusal as a denied usage event with its reason, never the key', async () => {
    const missing = await postJson(chatUrl(), chat);
    const revoked = await postJson(chatUrl(), chat, bearer(config.key('search-old')));
    const admin = await fetch(`${gateway.url}/usage/requests`, { headers: bearer(config.key('search-ci')) });
    const ids = [missing, revoked, admin].map((response) => response.headers.get('x-request-id'));

    const records = await gateway.usageRecords();
    const byId = (id: string | null) => records.find((record) => record.requestId === id);

    expect(byId(ids[0]!)).toMatchObject({
      status: 'denied',
      errorCode: 'unauthorized',
      httpStatus: 401,
      route: '/bedrock/chat',
      tenant: null,
      keyId: null,
      metadata: { 'gateway.denial_reason': 'missing_key' },
    });
    // A revoked key is refused like an unknown one, but recorded as its tenant's and key's.
    expect(byId(ids[1]!)).toMatchObject({
      status: 'denied',
      errorCode: 'unauthorized',
      tenant: 'search',
      keyId: 'search-old',
      metadata: { 'gateway.denial_reason': 'revoked_key' },
    });
    expect(byId(ids[2]!)).toMatchObject({
      status: 'denied',
      errorCode: 'forbidden',
      httpStatus: 403,
      route: '/usage/requests',
      tenant: 'search',
      keyId: 'search-ci',
      metadata: { 'gateway.denial_reason': 'admin_required' },
    });
    const stored = JSON.stringify(records);
    expect(stored).not.toContain(config.key('search-ci'));
    expect(stored).not.toContain(config.key('search-old'));
  });
});

describe('admin route flags', () => {
  it('USAGE_PUBLIC=true opens /usage/* to every authenticated key, but not to callers without one', async () => {
    const config = writeGatewayConfig([{ id: 'search', keys: [{ id: 'search-ci' }] }]);
    const gateway = await startGateway({ GATEWAY_CONFIG: config.path, USAGE_PUBLIC: 'true' });
    try {
      const asUser = await fetch(`${gateway.url}/usage/summary`, {
        headers: bearer(config.key('search-ci')),
      });
      const anonymous = await fetch(`${gateway.url}/usage/summary`);

      expect(asUser.status).toBe(200);
      expect(anonymous.status).toBe(401);
    } finally {
      await gateway.close();
      config.remove();
    }
  });

  it('METRICS_PUBLIC=true opens /metrics to every authenticated key, but not to callers without one', async () => {
    const config = writeGatewayConfig([{ id: 'search', keys: [{ id: 'search-ci' }] }]);
    const gateway = await startGateway({ GATEWAY_CONFIG: config.path, METRICS_PUBLIC: 'true' });
    try {
      const asUser = await fetch(`${gateway.url}/metrics`, { headers: bearer(config.key('search-ci')) });
      const anonymous = await fetch(`${gateway.url}/metrics`);
      // The flag opens /metrics only: the usage reports stay admin-only.
      const usage = await fetch(`${gateway.url}/usage/summary`, { headers: bearer(config.key('search-ci')) });

      expect(asUser.status).toBe(200);
      expect(await asUser.text()).toContain('# TYPE gateway_request_duration_seconds histogram');
      expect(anonymous.status).toBe(401);
      expect(usage.status).toBe(403);
    } finally {
      await gateway.close();
      config.remove();
    }
  });
});
