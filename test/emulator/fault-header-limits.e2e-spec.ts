import type { BedrockEmulator } from '@app/bedrock-emulator';
import { HAIKU_3, startEmulator } from './support/emulator-harness';
import { SIGV4, h2, http1 } from './support/raw-http';

const converseBody = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
const conversePath = `/model/${encodeURIComponent(HAIKU_3)}/converse`;
const json = { authorization: SIGV4, 'content-type': 'application/json' };

describe('x-bedrock-local-fault length limit', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it('refuses a header over 1 KB with 400 over HTTP/1.1', async () => {
    const header = `latency;ms=0;prompt=${'x'.repeat(1100)}`;

    const response = await http1(
      emulator.url,
      'POST',
      conversePath,
      { ...json, 'x-bedrock-local-fault': header },
      converseBody,
    );

    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toMatch(/^ValidationException:/);
    expect(JSON.parse(response.body).message).toMatch(/longer than 1024 characters/);
  });

  it('refuses a 16 KB header of many rules over h2 (parsing it once blocked the event loop for 37 s)', async () => {
    const header = Array.from({ length: 4000 }, () => 'latency').join(',');

    const response = await h2(
      emulator.url,
      { ':method': 'POST', ':path': conversePath, ...json, 'x-bedrock-local-fault': header },
      converseBody,
    );

    expect(response.status).toBe(400);
  });

  it('still applies a header just under the limit', async () => {
    const header = `throttle;prompt=hi;message=${'m'.repeat(900)}`;

    const response = await http1(
      emulator.url,
      'POST',
      conversePath,
      { ...json, 'x-bedrock-local-fault': header },
      converseBody,
    );

    expect(response.status).toBe(429);
  });
});
