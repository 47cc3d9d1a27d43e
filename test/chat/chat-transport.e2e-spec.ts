import type { BedrockEmulator } from '@app/bedrock-emulator';
import { parseSse, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// BEDROCK_HTTP_HANDLER: the runtime clients reach Bedrock over a keep-alive HTTP/1.1 pool by default,
// or over one multiplexed HTTP/2 session (DESIGN.md: bedrock-local serves both on one port).
describe('BEDROCK_HTTP_HANDLER', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it.each([
    [{}, '1.1'],
    [{ BEDROCK_HTTP_HANDLER: 'http2' }, '2.0'],
  ])('with %j answers blocking and streamed chats over HTTP/%s', async (env, protocol) => {
    // Arrange
    const gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, ...env });
    emulator.clearRequests();
    const body = { message: 'Hello there', model: 'claude-3-haiku', max_tokens: 20 };
    try {
      // Act
      const blocking = await postJson(`${gateway.url}/bedrock/chat`, body);
      const streamed = await postJson(`${gateway.url}/bedrock/chat`, { ...body, stream: true });
      // Assert
      expect(blocking.status).toBe(200);
      expect(blocking.json.response.length).toBeGreaterThan(0);
      expect(parseSse(streamed.text).at(-1)?.event).toBe('done');
      const calls = emulator.requests.filter((r) => r.operation.startsWith('InvokeModel'));
      expect(calls.map((r) => [r.operation, r.protocol])).toEqual([
        ['InvokeModel', protocol],
        ['InvokeModelWithResponseStream', protocol],
      ]);
    } finally {
      await gateway.close();
    }
  });
});
