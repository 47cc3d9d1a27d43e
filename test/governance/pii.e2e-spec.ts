import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, parseSse, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import {
  bearer,
  bedrockCalls,
  writeGatewayConfig,
  type GatewayConfigFile,
} from './support/governance-fixture';

// PII policy on message, messages and system_prompt: redact before anything leaves, or refuse with 422.
const EMAIL = 'alice.jones@example.com';
const SSN = '123-45-6789';
const PHONE = '(415) 555-0132';
/** The emulator answers with a marker telling which prompt reached it (first matching rule wins). */
const SCRIPTS = [
  { regex: 'alice\\.jones@example\\.com|123-45-6789|555-0132', text: 'RAW PII REACHED BEDROCK' },
  { prompt: '[REDACTED:EMAIL]', text: 'REDACTED PROMPT RECEIVED' },
];

describe('PII policy', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;

  beforeAll(async () => {
    emulator = await startEmulator({ scripts: SCRIPTS });
    config = writeGatewayConfig([
      { id: 'redacting', keys: [{ id: 'redacting' }] },
      { id: 'strict', keys: [{ id: 'strict' }], pii: { mode: 'deny', types: ['SSN', 'EMAIL'] } },
    ]);
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, GATEWAY_CONFIG: config.path });
  });

  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  const chat = (keyId: string, body: object) =>
    postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', max_tokens: 30, ...body },
      bearer(config.key(keyId)),
    );

  it('redacts message before Bedrock sees it and reports counts in redactions', async () => {
    const response = await chat('redacting', { message: `Mail ${EMAIL} or call ${PHONE}, SSN ${SSN}.` });

    expect(response.status).toBe(200);
    expect(response.json.response).toBe('REDACTED PROMPT RECEIVED');
    expect(response.json.redactions).toEqual([
      { type: 'SSN', count: 1 },
      { type: 'EMAIL', count: 1 },
      { type: 'PHONE', count: 1 },
    ]);
  });

  it('redacts every messages[].content and system_prompt, counting across them', async () => {
    const response = await chat('redacting', {
      system_prompt: `Escalations go to ${EMAIL}.`,
      messages: [
        { role: 'user', content: `I am ${EMAIL}.` },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: `My SSN is ${SSN}.` },
      ],
    });

    expect(response.status).toBe(200);
    expect(response.json.response).toBe('REDACTED PROMPT RECEIVED');
    expect(response.json.redactions).toEqual([
      { type: 'SSN', count: 1 },
      { type: 'EMAIL', count: 2 },
    ]);
  });

  it('redacts streamed calls too, with redactions in the done event', async () => {
    const response = await chat('redacting', { message: `Reply to ${EMAIL}`, stream: true });
    const events = parseSse(response.text);

    const text = events.flatMap((event) => (event.event === 'delta' ? [event.data.text] : [])).join('');
    expect(text).toBe('REDACTED PROMPT RECEIVED');
    expect(events.find((event) => event.event === 'done')?.data.redactions).toEqual([
      { type: 'EMAIL', count: 1 },
    ]);
  });

  it('leaves clean input alone: no redactions field', async () => {
    const response = await chat('redacting', { message: 'What is a circuit breaker?' });

    expect(response.status).toBe(200);
    expect(response.json).not.toHaveProperty('redactions');
  });

  it('refuses PII under a deny policy: 422 pii_blocked naming the types, never the values', async () => {
    emulator.clearRequests();

    const response = await chat('strict', {
      system_prompt: `Contact ${EMAIL}`,
      message: `SSN ${SSN}, phone ${PHONE}`,
    });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('pii_blocked');
    expect(response.json.error.message).toContain('SSN');
    expect(response.json.error.message).toContain('EMAIL');
    expect(response.json.error.message).not.toContain('PHONE');
    for (const value of [EMAIL, SSN, PHONE]) expect(response.text).not.toContain(value);
    expect(bedrockCalls(emulator)).toHaveLength(0);
    const records = await gateway.usageRecords();
    const record = records.find((entry) => entry.requestId === response.headers.get('x-request-id'));
    expect(record).toMatchObject({
      status: 'denied',
      errorCode: 'pii_blocked',
      httpStatus: 422,
      tenant: 'strict',
      metadata: { 'gateway.denial_reason': 'pii' },
    });
    for (const value of [EMAIL, SSN]) expect(JSON.stringify(records)).not.toContain(value);
  });

  it('redacts metadata values and stop_sequences too: the ledger and Bedrock never see the PII', async () => {
    const response = await chat('redacting', {
      message: 'Hello there',
      metadata: { customer: `Jane <${EMAIL}>`, team: 'search' },
      stop_sequences: [`SSN ${SSN}`],
    });

    expect(response.status).toBe(200);
    // The SSN is only in stop_sequences and the email only in metadata: both were rewritten in the body.
    expect(response.json.redactions).toEqual([
      { type: 'SSN', count: 1 },
      { type: 'EMAIL', count: 1 },
    ]);
    const records = await gateway.usageRecords();
    const record = records.find((entry) => entry.requestId === response.json.id);
    expect(record?.metadata).toEqual({ customer: 'Jane <[REDACTED:EMAIL]>', team: 'search' });
    for (const value of [EMAIL, SSN]) expect(JSON.stringify(records)).not.toContain(value);
  });

  it('redacts PII in metadata keys too, keeping their values', async () => {
    const response = await chat('redacting', {
      message: 'Hello there',
      metadata: { [EMAIL]: 'vip', 'bob@example.org': 'also', team: 'search' },
    });

    expect(response.status).toBe(200);
    const records = await gateway.usageRecords();
    const record = records.find((entry) => entry.requestId === response.json.id);
    expect(record?.metadata).toEqual({
      '[REDACTED:EMAIL]': 'vip',
      '[REDACTED:EMAIL]#2': 'also',
      team: 'search',
    });
    expect(JSON.stringify(records)).not.toContain(EMAIL);
  });

  it('refuses PII in metadata under a deny policy', async () => {
    const response = await chat('strict', { message: 'Hello', metadata: { customer_ssn: SSN } });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('pii_blocked');
  });

  it('passes types outside a deny policy untouched', async () => {
    const response = await chat('strict', { message: `Call ${PHONE}` });

    expect(response.status).toBe(200);
    expect(response.json.response).toBe('RAW PII REACHED BEDROCK');
  });
});
