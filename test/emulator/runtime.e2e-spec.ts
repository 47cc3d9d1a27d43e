import {
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  SONNET_35_V2,
  claudeBody,
  converseInput,
  eventually,
  rejectionOf,
  runtimeClient,
  startEmulator,
} from './support/emulator-harness';

describe('bedrock-runtime over h2c with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.clearRequests());

  /** InvokeModel on Claude 3 Haiku with a small valid body, changed by `input`. */
  const invoke = (input: Partial<ConstructorParameters<typeof InvokeModelCommand>[0]>) =>
    runtimeClient(emulator).send(
      new InvokeModelCommand({
        modelId: HAIKU_3,
        contentType: 'application/json',
        body: claudeBody('hi'),
        ...input,
      }),
    );

  it('InvokeModel answers the native body with request id and the three usage headers', async () => {
    const client = runtimeClient(emulator);
    const seen: Record<string, string> = {};
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        Object.assign(seen, (result.response as { headers: Record<string, string> }).headers);
        return result;
      },
      { step: 'finalizeRequest', name: 'capture-headers' },
    );

    const output = await client.send(
      new InvokeModelCommand({
        modelId: HAIKU_3,
        contentType: 'application/json',
        body: claudeBody('hello'),
      }),
    );

    const body = JSON.parse(output.body.transformToString());
    expect(output.contentType).toBe('application/json');
    expect(body).toMatchObject({ type: 'message', role: 'assistant' });
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(seen['x-amzn-bedrock-input-token-count'])).toBe(body.usage.input_tokens);
    expect(Number(seen['x-amzn-bedrock-output-token-count'])).toBe(body.usage.output_tokens);
    expect(Number(seen['x-amzn-bedrock-invocation-latency'])).toBeGreaterThanOrEqual(0);
    const records = await eventually(
      () => emulator.requests,
      (all) => all.every((r) => r.done),
    );
    expect(records).toMatchObject([
      { operation: 'InvokeModel', protocol: '2.0', status: 200, attempt: 1, aborted: false },
    ]);
  });

  it('resolves an inference-profile id, a foundation ARN and a profile ARN', async () => {
    const client = runtimeClient(emulator);
    const ids = [
      `us.${SONNET_35_V2}`,
      `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`,
      `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_35_V2}`,
    ];

    for (const modelId of ids) {
      const output = await client.send(
        new InvokeModelCommand({ modelId, contentType: 'application/json', body: claudeBody('hi') }),
      );
      expect(output.$metadata.httpStatusCode).toBe(200);
    }
    expect(emulator.requests.map((r) => r.resolvedModelId)).toEqual([SONNET_35_V2, HAIKU_3, SONNET_35_V2]);
  });

  it('InvokeModelWithResponseStream frames chunks and merges invocation metrics into the last one', async () => {
    const output = await runtimeClient(emulator).send(
      new InvokeModelWithResponseStreamCommand({
        modelId: HAIKU_3,
        contentType: 'application/json',
        body: claudeBody('stream please'),
      }),
    );
    const chunks: Record<string, unknown>[] = [];
    for await (const event of output.body!) {
      if (event.chunk?.bytes) chunks.push(JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')));
    }

    expect(output.contentType).toBe('application/json');
    expect(chunks.length).toBeGreaterThan(2);
    const metrics = chunks[chunks.length - 1]!['amazon-bedrock-invocationMetrics'] as Record<string, number>;
    expect(Object.keys(metrics).sort()).toEqual([
      'firstByteLatency',
      'inputTokenCount',
      'invocationLatency',
      'outputTokenCount',
    ]);
    expect(metrics.invocationLatency).toBeGreaterThanOrEqual(metrics.firstByteLatency!);
    expect(chunks.slice(0, -1).some((chunk) => 'amazon-bedrock-invocationMetrics' in chunk)).toBe(false);
  });

  it('Converse fills metrics.latencyMs and ConverseStream fills it in the metadata event', async () => {
    const client = runtimeClient(emulator);
    emulator.setFaults([{ kind: 'latency', latencyMs: 60 }]);

    const converse = await client.send(new ConverseCommand(converseInput(HAIKU_3, 'hello')));
    const stream = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'hello')));
    const events: string[] = [];
    let metadataLatency = -1;
    for await (const event of stream.stream!) {
      events.push(Object.keys(event)[0]!);
      if (event.metadata) metadataLatency = event.metadata.metrics!.latencyMs!;
    }
    emulator.clearFaults();

    expect(converse.metrics!.latencyMs).toBeGreaterThanOrEqual(60);
    expect(converse.output?.message?.role).toBe('assistant');
    expect(events[0]).toBe('messageStart');
    expect(events[events.length - 1]).toBe('metadata');
    expect(metadataLatency).toBeGreaterThanOrEqual(60);
  });

  it.each([
    [
      'an unknown id',
      'anthropic.claude-unknown-v9:0',
      400,
      'ValidationException',
      'The provided model identifier is invalid.',
    ],
    [
      'a geography the model lacks',
      `jp.${HAIKU_3}`,
      400,
      'ValidationException',
      'The provided model identifier is invalid.',
    ],
    [
      'a profile-only model on demand',
      SONNET_35_V2,
      400,
      'ValidationException',
      `Invocation of model ID ${SONNET_35_V2} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    ],
  ])('rejects %s', async (_case, modelId, status, name, message) => {
    const error = await rejectionOf(
      runtimeClient(emulator).send(
        new InvokeModelCommand({ modelId, contentType: 'application/json', body: claudeBody('x') }),
      ),
    );

    expect(error.name).toBe(name);
    expect(error.message).toBe(message);
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(status);
    expect(emulator.requests).toHaveLength(1); // 4xx is not retried
  });

  it('rejects streaming and Converse on an embedding model with ValidationException', async () => {
    const client = runtimeClient(emulator);
    const modelId = 'amazon.titan-embed-text-v2:0';
    const body = JSON.stringify({ inputText: 'hello' });

    const streamError = await rejectionOf(
      client.send(
        new InvokeModelWithResponseStreamCommand({ modelId, contentType: 'application/json', body }),
      ),
    );
    const converseError = await rejectionOf(client.send(new ConverseCommand(converseInput(modelId, 'x'))));
    const embedded = await client.send(
      new InvokeModelCommand({ modelId, contentType: 'application/json', body }),
    );

    expect(streamError.name).toBe('ValidationException');
    expect(converseError.name).toBe('ValidationException');
    expect(embedded.$metadata.httpStatusCode).toBe(200);
  });

  it('answers an end-of-life model with 404 ResourceNotFoundException', async () => {
    const eol = await startEmulator({ endOfLife: [HAIKU_3] });
    try {
      const error = await rejectionOf(
        runtimeClient(eol).send(new ConverseCommand(converseInput(HAIKU_3, 'x'))),
      );

      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.message).toMatch(/reached the end of its life/);
    } finally {
      await eol.stop();
    }
  });

  it('lets Mistral Large 2402 answer past 1024 tokens when the body names no budget (native default 8192, §7.4)', async () => {
    const client = runtimeClient(emulator);
    const modelId = 'mistral.mistral-large-2402-v1:0';
    const long = 'word '.repeat(1500).trim();
    emulator.setScripts([{ prompt: 'long answer', text: long }]);
    try {
      const invoked = await client.send(
        new InvokeModelCommand({
          modelId,
          contentType: 'application/json',
          body: JSON.stringify({ prompt: '<s>[INST] long answer [/INST]' }),
        }),
      );
      const conversed = await client.send(
        new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'long answer' }] }] }),
      );

      expect(JSON.parse(invoked.body.transformToString()).outputs[0]).toEqual({
        text: long,
        stop_reason: 'stop',
      });
      expect(conversed.stopReason).toBe('end_turn');
      expect(conversed.usage?.outputTokens).toBe(1500);
    } finally {
      emulator.setScripts([]);
    }
  });

  it('requires application/json on InvokeModel (the SDK sends octet-stream when none is given)', async () => {
    const error = await rejectionOf(
      runtimeClient(emulator).send(new InvokeModelCommand({ modelId: HAIKU_3, body: claudeBody('x') })),
    );

    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/content type 'application\/octet-stream'/);
  });

  it('rejects a malformed JSON body with ValidationException', async () => {
    const error = await rejectionOf(
      runtimeClient(emulator).send(
        new InvokeModelCommand({ modelId: HAIKU_3, contentType: 'application/json', body: '{"broken":' }),
      ),
    );

    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/^Malformed input request/);
  });

  describe('guardrails (§1.1)', () => {
    const tagged = JSON.stringify({
      ...(JSON.parse(claudeBody('hi')) as Record<string, unknown>),
      'amazon-bedrock-guardrailConfig': { tagSuffix: 'xyz' },
    });

    it('answers a call with a guardrail id and version, its body tagged for the guardrail', async () => {
      const output = await invoke({
        guardrailIdentifier: 'gr123abc',
        guardrailVersion: 'DRAFT',
        body: tagged,
      });
      expect(JSON.parse(output.body.transformToString())).toMatchObject({ type: 'message' });
    });

    it.each([
      ['an id without a version', { guardrailIdentifier: 'gr123abc' }, /without a guardrail version/],
      ['a tagged body without an id', { body: tagged }, /no guardrail identifier/],
      [
        'an id that is not one',
        { guardrailIdentifier: 'Not An Id', guardrailVersion: '1' },
        /guardrailIdentifier/,
      ],
      [
        'a version that is not one',
        { guardrailIdentifier: 'gr123abc', guardrailVersion: '0' },
        /guardrailVersion/,
      ],
    ])('refuses %s with ValidationException', async (_what, input, message) => {
      const error = await rejectionOf(invoke(input));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toMatch(message);
    });
  });

  describe('modelled headers (§1.1)', () => {
    it('takes the enum headers at their values, and echoes the latency and the service tier (§1.2)', async () => {
      const output = await invoke({
        trace: 'ENABLED_FULL',
        performanceConfigLatency: 'optimized',
        serviceTier: 'flex',
      });
      expect(output.performanceConfigLatency).toBe('optimized');
      expect(output.serviceTier).toBe('flex');
    });

    it('echoes the latency and the service tier on InvokeModelWithResponseStream too (§2.2)', async () => {
      const output = await runtimeClient(emulator).send(
        new InvokeModelWithResponseStreamCommand({
          modelId: HAIKU_3,
          contentType: 'application/json',
          body: claudeBody('hi'),
          performanceConfigLatency: 'standard',
          serviceTier: 'priority',
        }),
      );
      for await (const _event of output.body!) void _event;

      expect(output.performanceConfigLatency).toBe('standard');
      expect(output.serviceTier).toBe('priority');
    });

    it('echoes neither when the request sets neither', async () => {
      const output = await invoke({});
      expect(output.performanceConfigLatency).toBeUndefined();
      expect(output.serviceTier).toBeUndefined();
    });

    it.each([
      [
        'trace',
        { trace: 'BOGUS' as never },
        /at 'trace' failed to satisfy constraint: Member must satisfy enum value set/,
      ],
      ['serviceTier', { serviceTier: 'gold' as never }, /at 'serviceTier'/],
      [
        'performanceConfigLatency',
        { performanceConfigLatency: 'fast' as never },
        /at 'performanceConfigLatency'/,
      ],
      [
        'requestMetadata',
        { requestMetadata: JSON.stringify({ k: 'x'.repeat(9000) }) },
        /at 'requestMetadata'.*length between 0 and 8500/,
      ],
    ])('refuses a bad %s with ValidationException', async (_member, input, message) => {
      const error = await rejectionOf(invoke(input));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toMatch(message);
    });
  });
});
