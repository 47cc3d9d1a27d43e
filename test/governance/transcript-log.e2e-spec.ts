import { BedrockError, BedrockErrorCode, CallRecord } from '@app/bedrock';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { ChatService } from '../../apps/gateway/src/chat/chat.service';
import { STREAM_ABORT_GRACE_MS } from '../../apps/gateway/src/common/http/client-abort';
import { createGatewayLogger } from '../../apps/gateway/src/logging/gateway-logger';
import { logCapture } from '../../apps/gateway/src/logging/log-capture';
import { PinoNestLogger } from '../../apps/gateway/src/logging/pino-nest-logger';
import { TestGateway, parseSse, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import { ragUrl, recordingKnowledgeBases, VACATION } from '../rag/support/rag-e2e';
import { bearer, writeGatewayConfig, type GatewayConfigFile } from './support/governance-fixture';

// `log_prompts` (DESIGN.md: prompts and completions are not logged unless a tenant opts in).
describe('transcript logging for tenants that opt in', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;
  let lines: Record<string, unknown>[];
  const transcripts = () => lines.filter((line) => line.msg === 'transcript');

  beforeAll(async () => {
    const recorded = await recordingKnowledgeBases();
    emulator = await startEmulator({ knowledgeBases: recorded.service });
    config = writeGatewayConfig([
      { id: 'audited', keys: [{ id: 'audited' }], log_prompts: true },
      { id: 'private', keys: [{ id: 'private' }] },
    ]);
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, GATEWAY_CONFIG: config.path });
    const capture = logCapture();
    lines = capture.lines;
    gateway.app.useLogger(new PinoNestLogger(createGatewayLogger('info', capture.stream)));
  });
  beforeEach(() => lines.splice(0));

  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  const chat = (keyId: string, body: Record<string, unknown>) =>
    postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', max_tokens: 40, ...body },
      bearer(config.key(keyId)),
    );

  it('logs the redacted prompt and the answer of a blocking chat, once', async () => {
    const response = await chat('audited', {
      system_prompt: 'Be brief.',
      message: 'Mail me at jane.doe@example.com about DNS',
    });

    expect(response.status).toBe(200);
    expect(transcripts()).toEqual([
      expect.objectContaining({
        requestId: response.json.id,
        tenant: 'audited',
        key_id: 'audited',
        model: 'claude-3-haiku',
        status: 'success',
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Mail me at [REDACTED:EMAIL] about DNS' }],
        completion: response.json.response,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('jane.doe@example.com');
  });

  it('logs what a stream delivered', async () => {
    const response = await chat('audited', { message: 'Explain DNS', stream: true });
    const text = parseSse(response.text)
      .filter((event) => event.event === 'delta')
      .map((event) => (event.data as { text: string }).text)
      .join('');

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(transcripts()).toEqual([expect.objectContaining({ tenant: 'audited', completion: text })]);
    expect(text.length).toBeGreaterThan(0);
  });

  it('logs a stream its caller left before reading any of it, once', async () => {
    // Arrange: a stream opened on Bedrock whose events are never read (the caller went away between
    // the opening and the first read, so the stream's generator never runs)
    const record = Object.assign(new CallRecord(), { tenant: 'audited', logPrompts: true });
    const caller = new AbortController();
    const abort = { signal: caller.signal, withDeadline: () => caller.signal };
    const dto = { model: 'claude-3-haiku', max_tokens: 40, message: 'Explain DNS', stream: true };
    await gateway.app.get(ChatService).stream(dto, { record, requestId: 'left-early', startedAt: 0, abort });

    // Act: the caller goes away, as requestAbort reports it
    caller.abort(new BedrockError(BedrockErrorCode.ClientClosed, 'The client closed the connection.'));
    await new Promise((resolve) => setTimeout(resolve, STREAM_ABORT_GRACE_MS + 200));

    // Assert
    expect(transcripts()).toEqual([
      expect.objectContaining({
        requestId: 'left-early',
        status: 'client_closed',
        messages: [{ role: 'user', content: 'Explain DNS' }],
        completion: '',
      }),
    ]);
  });

  it('logs a RAG answer with the question, not the retrieved passages', async () => {
    const response = await postJson(
      ragUrl(gateway),
      { model: 'claude-3-haiku', message: VACATION.message },
      bearer(config.key('audited')),
    );

    expect(response.status).toBe(200);
    expect(transcripts()).toEqual([
      expect.objectContaining({
        messages: [{ role: 'user', content: VACATION.message }],
        completion: response.json.response,
      }),
    ]);
  });

  it('logs a failed blocking call with its error and no completion', async () => {
    emulator.setFaults([{ kind: 'error', errorType: 'ModelErrorException', status: 424 }]);

    const response = await chat('audited', { message: 'Explain DNS' });

    emulator.setFaults([]);
    expect(response.status).toBe(502);
    expect(transcripts()).toEqual([
      expect.objectContaining({ status: 'error', error_code: 'upstream_error', completion: '' }),
    ]);
  });

  it('logs nothing of the prompt or the answer for a tenant that did not opt in', async () => {
    const response = await chat('private', { message: 'A secret plan for DNS' });

    expect(response.status).toBe(200);
    expect(transcripts()).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('A secret plan');
  });
});
