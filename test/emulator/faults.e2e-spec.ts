import {
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { RetrieveAndGenerateCommand, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  addHeader,
  agentClient,
  attemptsOf,
  claudeBody,
  controlClient,
  converseInput,
  rejectionOf,
  runtimeClient,
  startEmulator,
} from './support/emulator-harness';

const fastRetries = { retryStrategy: new ConfiguredRetryStrategy(3, () => 0) };
const invoke = (text = 'hello') =>
  new InvokeModelCommand({ modelId: HAIKU_3, contentType: 'application/json', body: claudeBody(text) });
const httpStatus = (error: Record<string, unknown>) =>
  (error.$metadata as { httpStatusCode?: number }).httpStatusCode;

describe('fault injection against the real SDK retry logic', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('a throttled call is attempted 3 times with the same invocation id (default standard retries)', async () => {
    emulator.setFaults([{ kind: 'throttle' }]);

    const error = await rejectionOf(runtimeClient(emulator, fastRetries).send(invoke()));

    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('Too many requests, please wait before trying again.');
    expect(httpStatus(error)).toBe(429);
    const records = emulator.requests;
    expect(attemptsOf(records)).toEqual([1, 2, 3]);
    expect(new Set(records.map((r) => r.invocationId)).size).toBe(1);
    expect(records.every((r) => r.maxAttempts === 3 && r.faults.includes('throttle'))).toBe(true);
  });

  it('a throttled call is retried by the SDK default strategy too (real backoff)', async () => {
    emulator.setFaults([{ kind: 'throttle', times: 1 }]);

    const output = await runtimeClient(emulator).send(invoke());

    expect(output.$metadata.attempts).toBe(2);
    expect(attemptsOf(emulator.requests)).toEqual([1, 2]);
  });

  it('a 400 is attempted once', async () => {
    const error = await rejectionOf(
      runtimeClient(emulator, fastRetries).send(
        new InvokeModelCommand({ modelId: 'nope.nope-v1', contentType: 'application/json', body: '{}' }),
      ),
    );

    expect(error.name).toBe('ValidationException');
    expect(attemptsOf(emulator.requests)).toEqual([1]);
  });

  it('the x-bedrock-local-fault header fails the first N attempts of each call, then lets it through', async () => {
    const client = runtimeClient(emulator, fastRetries);
    addHeader(client, 'x-bedrock-local-fault', 'throttle;times=2');

    const first = await client.send(invoke());
    const second = await client.send(invoke());

    expect(first.$metadata.attempts).toBe(3);
    expect(second.$metadata.attempts).toBe(3);
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 429, 200, 429, 429, 200]);
  });

  it.each([
    ['internal', 'InternalServerException', 500, 3],
    ['unavailable', 'ServiceUnavailableException', 503, 3],
    ['not-ready', 'ModelNotReadyException', 429, 3],
    ['model-timeout', 'ModelTimeoutException', 408, 1],
    ['access-denied', 'AccessDeniedException', 403, 1],
    ['error;type=ModelErrorException', 'ModelErrorException', 424, 1],
  ])('header fault %s gives %s (%i) after %i attempt(s)', async (header, name, status, attempts) => {
    const client = runtimeClient(emulator, fastRetries);
    addHeader(client, 'x-bedrock-local-fault', header);

    const error = await rejectionOf(client.send(new ConverseCommand(converseInput(HAIKU_3, 'hi'))));

    expect(error.name).toBe(name);
    expect(httpStatus(error)).toBe(status);
    expect(emulator.requests).toHaveLength(attempts);
  });

  it('gives ModelErrorException its modelled members, which the SDK copies onto the error (§4.1)', async () => {
    const client = runtimeClient(emulator, fastRetries);
    addHeader(client, 'x-bedrock-local-fault', 'error;type=ModelErrorException');

    const error = await rejectionOf(client.send(invoke()));

    expect(error.name).toBe('ModelErrorException');
    expect(error.originalStatusCode).toBe(500);
    expect(error.resourceName).toBe(HAIKU_3);
  });

  it('matches rules on operation, model and prompt substring', async () => {
    emulator.setFaults([
      { kind: 'access-denied', operation: 'Converse', modelId: 'claude-3-haiku', prompt: 'secret' },
    ]);
    const client = runtimeClient(emulator, fastRetries);

    await expect(client.send(invoke('secret'))).resolves.toBeDefined();
    await expect(client.send(new ConverseCommand(converseInput(HAIKU_3, 'public')))).resolves.toBeDefined();
    const error = await rejectionOf(
      client.send(new ConverseCommand(converseInput(HAIKU_3, 'the secret plan'))),
    );

    expect(error.name).toBe('AccessDeniedException');
  });

  it('a fractional rate throttles a deterministic share of requests', async () => {
    emulator.setFaults([{ kind: 'throttle', rate: 0.25 }]);
    const client = runtimeClient(emulator, { maxAttempts: 1 });

    const results = await Promise.allSettled(Array.from({ length: 8 }, () => client.send(invoke())));

    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(2);
  });

  it('an exception frame mid-stream surfaces after the earlier chunks and is not retried', async () => {
    const client = runtimeClient(emulator, fastRetries);
    addHeader(client, 'x-bedrock-local-fault', 'stream-error;after=2;type=throttlingException');
    const output = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: HAIKU_3,
        contentType: 'application/json',
        body: claudeBody('x'),
      }),
    );
    const received: unknown[] = [];

    const error = await rejectionOf(
      (async () => {
        for await (const event of output.body!) received.push(event.chunk);
      })(),
    );

    expect(received).toHaveLength(2);
    expect(error.name).toBe('ThrottlingException');
    expect(emulator.requests).toMatchObject([{ status: 200, faults: ['stream-error'] }]);
  });

  it('a model stream error on ConverseStream carries originalStatusCode', async () => {
    emulator.setFaults([{ kind: 'stream-error', afterChunks: 1 }]);
    const output = await runtimeClient(emulator).send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));
    const received: string[] = [];

    const error = await rejectionOf(
      (async () => {
        for await (const event of output.stream!) received.push(Object.keys(event)[0]!);
      })(),
    );

    expect(received).toEqual(['messageStart']);
    expect(error.name).toBe('ModelStreamErrorException');
    expect(error.originalStatusCode).toBe(500);
  });

  it.each([
    ['stream-truncate;after=1', /Truncated event message/],
    ['stream-abort;after=1', /.+/],
  ])('%s breaks the stream so that the SDK throws', async (header, message) => {
    const client = runtimeClient(emulator, fastRetries);
    addHeader(client, 'x-bedrock-local-fault', header);
    const output = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));
    let received = 0;

    const error = await rejectionOf(
      (async () => {
        for await (const _event of output.stream!) received++;
      })(),
    );

    expect(received).toBe(1);
    expect(error.message).toMatch(message);
  });

  it('stream-end closes the stream cleanly between frames: the SDK ends without an error', async () => {
    const client = runtimeClient(emulator, fastRetries);
    addHeader(client, 'x-bedrock-local-fault', 'stream-end;after=2');
    const output = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));
    const received: string[] = [];

    for await (const event of output.stream!) received.push(Object.keys(event)[0]!);

    expect(received).toEqual(['messageStart', 'contentBlockDelta']);
  });

  it('per-chunk latency slows a stream down', async () => {
    const client = runtimeClient(emulator);
    addHeader(client, 'x-bedrock-local-fault', 'latency;chunk-ms=15');
    const started = Date.now();
    const output = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));
    let events = 0;
    for await (const _event of output.stream!) events++;

    expect(Date.now() - started).toBeGreaterThanOrEqual((events - 1) * 15);
  });

  it('a stall never answers: the SDK times out (3 attempts) and every attempt is logged as aborted', async () => {
    emulator.setFaults([{ kind: 'stall' }]);
    const client = runtimeClient(emulator, { ...fastRetries, requestHandler: { requestTimeout: 200 } });

    const error = await rejectionOf(client.send(invoke()));

    expect(error.name).toBe('TimeoutError');
    const records = await eventuallyDone(emulator, 3);
    expect(records.map((r) => [r.attempt, r.aborted, r.status])).toEqual([
      [1, true, undefined],
      [2, true, undefined],
      [3, true, undefined],
    ]);
  });

  it('an aborted call (AbortController) is logged as aborted', async () => {
    emulator.setFaults([{ kind: 'latency', latencyMs: 2000 }]);
    const controller = new AbortController();
    const call = runtimeClient(emulator, { maxAttempts: 1 }).send(invoke(), {
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);

    await rejectionOf(call);

    const records = await eventuallyDone(emulator, 1);
    expect(records).toMatchObject([{ aborted: true, done: true }]);
  });
});

describe('fault kinds answer with errors the target service has (§4.2, §2.5, §3.3)', () => {
  let emulator: BedrockEmulator;
  const retrieve = () =>
    agentClient(emulator, fastRetries).send(
      new RetrieveCommand({ knowledgeBaseId: 'KBGENERAL1', retrievalQuery: { text: 'refund policy' } }),
    );
  const retrieveAndGenerate = () =>
    agentClient(emulator, fastRetries).send(
      new RetrieveAndGenerateCommand({
        input: { text: 'refund policy' },
        retrieveAndGenerateConfiguration: {
          type: 'KNOWLEDGE_BASE',
          knowledgeBaseConfiguration: {
            knowledgeBaseId: 'KBGENERAL1',
            modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`,
          },
        },
      }),
    );

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it.each([
    ['unavailable', 'BadGatewayException', 502, 3, 'Bedrock is unable to process your request.'],
    [
      'not-ready',
      'DependencyFailedException',
      424,
      1,
      'Model is not ready to serve inference requests. Try your request again later.',
    ],
    [
      'model-timeout',
      'DependencyFailedException',
      424,
      1,
      'Model has timed out in processing the request. Try your request again.',
    ],
    ['throttle', 'ThrottlingException', 429, 3, 'Too many requests, please wait before trying again.'],
  ])(
    'an unfiltered %s rule gives Retrieve and RetrieveAndGenerate %s (%i) after %i attempt(s)',
    async (kind, name, status, attempts, message) => {
      emulator.setFaults([{ kind } as never]);

      const errors = [await rejectionOf(retrieve()), await rejectionOf(retrieveAndGenerate())];

      for (const error of errors) {
        expect(error.name).toBe(name);
        expect(httpStatus(error)).toBe(status);
        expect(error.message).toBe(message);
      }
      expect(emulator.requests).toHaveLength(2 * attempts);
    },
  );

  it('names the dependency on the agent runtime errors that stand in for a model error', async () => {
    emulator.setFaults([{ kind: 'not-ready' }]);

    const error = await rejectionOf(retrieve());

    expect(error.resourceName).toBe('Amazon Bedrock');
  });

  it('never fires not-ready or model-timeout on the control plane, which runs no model', async () => {
    emulator.setFaults([{ kind: 'not-ready' }, { kind: 'model-timeout' }]);

    const listing = await controlClient(emulator, fastRetries).send(new ListFoundationModelsCommand({}));
    const converse = await rejectionOf(
      runtimeClient(emulator, fastRetries).send(new ConverseCommand(converseInput(HAIKU_3, 'hi'))),
    );

    expect(listing.modelSummaries?.length).toBeGreaterThan(0);
    expect(converse.name).toBe('ModelNotReadyException');
  });

  it('gives the control plane its own ServiceUnavailableException for unavailable', async () => {
    emulator.setFaults([{ kind: 'unavailable', operation: 'ListFoundationModels' }]);

    const error = await rejectionOf(
      controlClient(emulator, fastRetries).send(new ListFoundationModelsCommand({})),
    );

    expect(error.name).toBe('ServiceUnavailableException');
    expect(httpStatus(error)).toBe(503);
  });

  it.each(['modelTimeoutException', 'accessDeniedException'])(
    'sends %s, which ConverseStream does not have, as its modelStreamErrorException',
    async (type) => {
      const client = runtimeClient(emulator, fastRetries);
      addHeader(client, 'x-bedrock-local-fault', `stream-error;after=1;type=${type}`);
      const output = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));

      const error = await rejectionOf(
        (async () => {
          for await (const _event of output.stream!) void _event;
        })(),
      );

      expect(error.name).toBe('ModelStreamErrorException');
      expect(error.message).toBe('The model encountered an error while streaming the response.');
      expect(error.originalStatusCode).toBe(type === 'modelTimeoutException' ? 408 : 403);
      expect(error.originalMessage).toEqual(expect.stringMatching(/timed out|access/));
    },
  );

  it('keeps modelTimeoutException on InvokeModelWithResponseStream, whose union has it', async () => {
    const client = runtimeClient(emulator, fastRetries);
    addHeader(client, 'x-bedrock-local-fault', 'stream-error;after=1;type=modelTimeoutException');
    const output = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: HAIKU_3,
        contentType: 'application/json',
        body: claudeBody('x'),
      }),
    );

    const error = await rejectionOf(
      (async () => {
        for await (const _event of output.body!) void _event;
      })(),
    );

    expect(error.name).toBe('ModelTimeoutException');
  });

  it("sends an error rule's errorType as given, whatever the service", async () => {
    emulator.setFaults([{ kind: 'error', errorType: 'ServiceUnavailableException', operation: 'Retrieve' }]);

    const error = await rejectionOf(retrieve());

    expect(error.name).toBe('ServiceUnavailableException');
    expect(httpStatus(error)).toBe(503);
  });
});

async function eventuallyDone(emulator: BedrockEmulator, count: number) {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const records = emulator.requests;
    if (records.length >= count && records.every((r) => r.done)) return records;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return emulator.requests;
}
