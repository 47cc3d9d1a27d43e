import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  claudeBody,
  converseInput,
  rejectionOf,
  runtimeClient,
  startEmulator,
} from './support/emulator-harness';

const SCRIPT = `
rules:
  - prompt: capital of France
    text: Paris is the capital of France.
  - regex: "^please fail"
    flags: i
    error: { type: ServiceUnavailableException }
  - prompt: slowly
    latencyMs: 150
    text: Done, slowly.
`;

const admin = async (emulator: BedrockEmulator, method: string, resource: string, body?: unknown) => {
  const response = await fetch(`${emulator.url}/_emulator/${resource}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const converseText = async (emulator: BedrockEmulator, text: string): Promise<string | undefined> => {
  const output = await runtimeClient(emulator, { maxAttempts: 1 }).send(
    new ConverseCommand(converseInput(HAIKU_3, text)),
  );
  return output.output?.message?.content?.[0]?.text;
};

describe('admin endpoint and scripted responses', () => {
  let emulator: BedrockEmulator;
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-local-script-'));

  beforeAll(async () => {
    const scriptFile = join(dir, 'script.yaml');
    writeFileSync(scriptFile, SCRIPT);
    emulator = await startEmulator({ scriptFile });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('configures faults over HTTP, as a test in another process would', async () => {
    const added = await admin(emulator, 'POST', 'faults', { faults: [{ kind: 'throttle', times: 1 }] });
    const client = runtimeClient(emulator, { retryStrategy: new ConfiguredRetryStrategy(3, () => 0) });

    const output = await client.send(new ConverseCommand(converseInput(HAIKU_3, 'hi')));
    const log = await admin(emulator, 'GET', 'requests');

    expect(added).toEqual({ status: 200, body: { faults: [{ kind: 'throttle', times: 1 }] } });
    expect(output.$metadata.attempts).toBe(2);
    expect(
      (log.body.requests as { attempt: number; status: number }[]).map((r) => [r.attempt, r.status]),
    ).toEqual([
      [1, 429],
      [2, 200],
    ]);
  });

  it('clears faults and the log, and rejects an invalid rule with a JSON 400', async () => {
    await admin(emulator, 'POST', 'faults', { kind: 'internal' });

    const cleared = await admin(emulator, 'DELETE', 'faults');
    const text = await converseText(emulator, 'hi');
    const invalid = await admin(emulator, 'POST', 'faults', { kind: 'explode' });
    await admin(emulator, 'DELETE', 'requests');

    expect(cleared.body).toEqual({ faults: [] });
    expect(text).toEqual(expect.any(String));
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/Invalid fault rule/);
    expect(emulator.requests).toEqual([]);
  });

  it('answers a script text match through the behaviour (Converse and native InvokeModel)', async () => {
    const converse = await converseText(emulator, 'What is the capital of France?');
    const invoke = await runtimeClient(emulator).send(
      new InvokeModelCommand({
        modelId: HAIKU_3,
        contentType: 'application/json',
        body: claudeBody('capital of France, please', 100),
      }),
    );

    expect(converse).toBe('Paris is the capital of France.');
    expect(JSON.parse(invoke.body.transformToString()).content[0].text).toBe(
      'Paris is the capital of France.',
    );
    expect(emulator.requests[0]!.faults).toEqual(['script']);
  });

  it('answers a script error match with that error (retried like the real one)', async () => {
    const error = await rejectionOf(
      runtimeClient(emulator, { retryStrategy: new ConfiguredRetryStrategy(3, () => 0) }).send(
        new ConverseCommand(converseInput(HAIKU_3, 'Please FAIL now')),
      ),
    );

    expect(error.name).toBe('ServiceUnavailableException');
    expect(emulator.requests).toHaveLength(3);
  });

  it('applies script latency', async () => {
    const started = Date.now();

    const text = await converseText(emulator, 'answer slowly');

    expect(text).toBe('Done, slowly.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('replaces scripts over HTTP and resets back to the file', async () => {
    await admin(emulator, 'PUT', 'scripts', { rules: [{ prompt: 'capital of France', text: 'Lyon?' }] });
    const replaced = await converseText(emulator, 'capital of France');
    await admin(emulator, 'POST', 'reset');

    expect(replaced).toBe('Lyon?');
    expect(await converseText(emulator, 'capital of France')).toBe('Paris is the capital of France.');
  });
});
