import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { CATALOG_DATA, FamilyStrategyRegistry, ModelCatalog } from '@app/bedrock';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  TestGateway,
  overheadMsOf,
  parseSse,
  postJson,
  startEmulator,
  startGateway,
} from '../support/gateway-harness';

// Every family through the HTTP API, blocking and streamed, against the emulator with the real SDK.
// Expected text and token counts come from calling the emulator directly with the same native body.
const ALIASES = [
  'claude-3-haiku',
  'claude-sonnet-4-5',
  'amazon-titan',
  'llama-3-1',
  'mistral-large',
  'mistral-large-2407',
  'command-r',
];

const question = {
  system_prompt: 'You are a terse assistant for the platform team.',
  messages: [
    { role: 'user', content: 'What is a circuit breaker?' },
    { role: 'assistant', content: 'A guard that stops calls to a failing dependency.' },
    { role: 'user', content: 'And when does it close again?' },
  ],
  max_tokens: 120,
  temperature: 0.2,
};

/**
 * Each native answer's text and stop reason (bedrock-wire.md §7), with the stop reason API.md's
 * normalised value: the first layout whose text path the body has.
 */
const NATIVE_ANSWERS: { text: string; stop: string; stops: Record<string, string> }[] = [
  {
    text: 'content.0.text',
    stop: 'stop_reason',
    stops: { end_turn: 'end_turn', max_tokens: 'max_tokens', stop_sequence: 'stop_sequence' },
  },
  {
    text: 'results.0.outputText',
    stop: 'results.0.completionReason',
    stops: { FINISH: 'end_turn', LENGTH: 'max_tokens', STOP_CRITERIA_MET: 'stop_sequence' },
  },
  { text: 'generation', stop: 'stop_reason', stops: { stop: 'end_turn', length: 'max_tokens' } },
  {
    text: 'outputs.0.text',
    stop: 'outputs.0.stop_reason',
    stops: { stop: 'end_turn', length: 'max_tokens' },
  },
  {
    text: 'choices.0.message.content',
    stop: 'choices.0.stop_reason',
    stops: { stop: 'end_turn', length: 'max_tokens' },
  },
  { text: 'text', stop: 'finish_reason', stops: { COMPLETE: 'end_turn', MAX_TOKENS: 'max_tokens' } },
];

const at = (body: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], body);

function readNative(body: unknown): { text: string; stopReason: string } {
  const layout = NATIVE_ANSWERS.find((candidate) => typeof at(body, candidate.text) === 'string');
  if (!layout) throw new Error(`no known answer layout: ${JSON.stringify(body)}`);
  const native = String(at(body, layout.stop));
  return { text: at(body, layout.text) as string, stopReason: layout.stops[native] ?? `unmapped ${native}` };
}

describe('POST /bedrock/chat — every family against the emulator', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let direct: BedrockRuntimeClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
    direct = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    });
  });

  afterAll(async () => {
    direct.destroy();
    await gateway.close();
    await emulator.stop();
  });

  /** What the emulator answers for the body the gateway sends, read straight from Bedrock's wire. */
  async function expected(alias: string) {
    const catalog = gateway.app.get(ModelCatalog);
    const model = catalog.resolve(alias, { region: 'us-east-1' })!;
    const strategy = gateway.app.get(FamilyStrategyRegistry).forModel(model);
    const body = strategy.buildRequest(
      {
        system: question.system_prompt,
        messages: question.messages as never,
        maxTokens: question.max_tokens,
        temperature: question.temperature,
      },
      model,
    );
    let headers: Record<string, string> = {};
    const command = new InvokeModelCommand({
      modelId: model.invokeId,
      body: JSON.stringify(body),
      contentType: 'application/json',
    });
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        headers = (result.response as { headers: Record<string, string> }).headers;
        return result;
      },
      { step: 'finalizeRequest' },
    );
    const output = await direct.send(command);
    // Read from the native answer with this test's own table, not the strategy's parser: a wrong stop
    // table or text path in a strategy must not be checked against itself.
    const parsed = {
      ...readNative(JSON.parse(output.body.transformToString())),
      inputTokens: Number(headers['x-amzn-bedrock-input-token-count']),
      outputTokens: Number(headers['x-amzn-bedrock-output-token-count']),
    };
    const pricing = CATALOG_DATA.models.find((m) => m.alias === alias)!.pricing!;
    const multiplier = pricing.regionalMultiplier ?? 1;
    const cost =
      ((parsed.inputTokens * pricing.inputPer1M + parsed.outputTokens * pricing.outputPer1M!) * multiplier) /
      1e6;
    return { parsed, cost, invokeId: model.invokeId };
  }

  it.each(ALIASES)(
    "%s answers blocking with the emulator's text, tokens and the catalog price",
    async (alias) => {
      // Arrange
      const want = await expected(alias);
      // Act
      const { status, json, headers } = await postJson(`${gateway.url}/bedrock/chat`, {
        ...question,
        model: alias,
      });
      // Assert
      expect(status).toBe(200);
      expect(json.response).toBe(want.parsed.text);
      expect(json.response.length).toBeGreaterThan(0);
      expect(json.model_used).toBe(alias);
      expect(json.model_id).toBe(want.invokeId);
      expect(json.stop_reason).toBe(want.parsed.stopReason);
      expect(json.tokens_used).toEqual({
        input_tokens: want.parsed.inputTokens,
        output_tokens: want.parsed.outputTokens,
        total_tokens: want.parsed.inputTokens + want.parsed.outputTokens,
      });
      expect(json.estimated_cost).toBeCloseTo(want.cost, 9);
      expect(json.region).toBe('us-east-1');
      expect(headers.get('x-request-id')).toBe(json.id);
      expect(overheadMsOf(headers)).toBeGreaterThanOrEqual(0);
    },
  );

  it.each(ALIASES)('%s streams start, deltas that add up to the blocking answer, and done', async (alias) => {
    // Arrange
    const want = await expected(alias);
    // Act
    const { status, headers, text } = await postJson(`${gateway.url}/bedrock/chat`, {
      ...question,
      model: alias,
      stream: true,
    });
    // Assert
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(text);
    expect(events[0]).toMatchObject({
      event: 'start',
      data: { model_id: want.invokeId, region: 'us-east-1' },
    });
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    expect(deltas.map((e) => e.data.text).join('')).toBe(want.parsed.text);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.stop_reason).toBe(want.parsed.stopReason);
    expect(done.data.tokens_used.input_tokens).toBe(want.parsed.inputTokens);
    expect(done.data.tokens_used.output_tokens).toBe(want.parsed.outputTokens);
    expect(done.data.estimated_cost).toBeCloseTo(want.cost, 9);
    expect(done.data.response).toBeUndefined();
  });

  it("answers exactly API.md's fields: the 200 body, a start event, and done as the body without response", async () => {
    // Arrange
    const body = { message: 'What is the capital of France?', model: 'llama-3-1', max_tokens: 30 };
    const summaryFields = [
      'bedrock_latency_ms',
      'estimated_cost',
      'family',
      'id',
      'model_id',
      'model_used',
      'processing_time_ms',
      'region',
      'stop_reason',
      'tokens_used',
    ];
    // Act
    const blocking = await postJson(`${gateway.url}/bedrock/chat`, body);
    const streamed = await postJson(`${gateway.url}/bedrock/chat`, { ...body, stream: true });
    // Assert
    expect(Object.keys(blocking.json).sort()).toEqual([...summaryFields, 'response'].sort());
    expect(blocking.json).toMatchObject({
      id: blocking.headers.get('x-request-id'),
      model_used: 'llama-3-1',
      family: 'llama',
      region: 'us-east-1',
    });
    expect(blocking.json.bedrock_latency_ms).toBeGreaterThan(0);
    expect(blocking.json.processing_time_ms).toBeGreaterThanOrEqual(blocking.json.bedrock_latency_ms);
    const events = parseSse(streamed.text);
    const id = streamed.headers.get('x-request-id');
    expect(events[0]!.event).toBe('start');
    expect(events[0]!.data).toEqual({
      id,
      model_id: blocking.json.model_id,
      family: 'llama',
      region: 'us-east-1',
    });
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(Object.keys(done.data).sort()).toEqual(summaryFields);
    expect(done.data).toMatchObject({
      id,
      model_used: 'llama-3-1',
      model_id: blocking.json.model_id,
      family: 'llama',
      region: 'us-east-1',
      stop_reason: blocking.json.stop_reason,
      tokens_used: blocking.json.tokens_used,
    });
    expect(done.data.bedrock_latency_ms).toBeGreaterThan(0);
    expect(done.data.processing_time_ms).toBeGreaterThanOrEqual(done.data.bedrock_latency_ms);
  });

  it('records one usage event per call with tokens, cost and timings', async () => {
    // Arrange
    const before = (await gateway.usageRecords()).length;
    // Act
    const { json } = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hello there',
      model: 'claude-3-haiku',
      metadata: { team: 'search' },
    });
    // Assert
    const events = (await gateway.usageRecords()).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      requestId: json.id,
      route: '/bedrock/chat',
      modelAlias: 'claude-3-haiku',
      status: 'success',
      inputTokens: json.tokens_used.input_tokens,
      outputTokens: json.tokens_used.output_tokens,
      costUsd: json.estimated_cost,
      metadata: { team: 'search' },
      streamed: false,
      retries: 0,
    });
    expect(events[0]!.latencyMs).toBeGreaterThanOrEqual(events[0]!.gatewayOverheadMs);
  });

  it('adds the geography prefix for a model that needs an inference profile', async () => {
    // Act
    const { status, json } = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hi',
      model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    });
    // Assert
    expect(status).toBe(200);
    expect(json.model_id).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(json.model_used).toBe('claude-haiku-4-5');
  });

  const middleWord = (words: string[]) => ` ${words[Math.floor(words.length / 2)]}`;
  it.each([
    ['llama-3-1', 'Bedrock has no stop parameter for Llama', middleWord],
    ['amazon-titan', 'Titan takes only User: or pipes', middleWord],
    ['mistral-large-2407', 'its chat form documents no stop parameter', middleWord],
    ['claude-3-haiku', 'Claude refuses a blank stop sequence', () => ' '],
  ])(
    'cuts a %s answer at stop_sequences it cannot be sent (%s), blocking and streamed',
    async (model, _why, stopOf) => {
      // Arrange: the free answer, and a stop sequence from it that the family's API would refuse.
      const chat = (body: Record<string, unknown>) =>
        postJson(`${gateway.url}/bedrock/chat`, { ...question, model, ...body });
      const free = (await chat({})).json;
      const words = (free.response as string).split(' ');
      expect(words.length).toBeGreaterThan(6);
      const stop = stopOf(words);
      const want = (free.response as string).slice(0, (free.response as string).indexOf(stop));
      // Act
      const blocking = await chat({ stop_sequences: [stop, 'never in the text'] });
      const streamed = parseSse((await chat({ stop_sequences: [stop], stream: true })).text);
      // Assert
      expect(blocking.status).toBe(200);
      expect(blocking.json.response).toBe(want);
      expect(blocking.json.stop_reason).toBe('stop_sequence');
      // Bedrock generated (and billed) the whole answer: the counts stay its own.
      expect(blocking.json.tokens_used).toEqual(free.tokens_used);
      const deltas = streamed.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
      expect(deltas.join('')).toBe(want);
      expect(streamed.at(-1)).toMatchObject({
        event: 'done',
        data: { stop_reason: 'stop_sequence', tokens_used: free.tokens_used },
      });
    },
  );

  it('sends the text a Llama stop sequence held back before a stream fails', async () => {
    // Arrange: a stream that fails after three chunks, and a stop sequence that starts with the end of
    // the last one and never matches (so the cutter holds that end back, waiting for the rest).
    const chat = (body: Record<string, unknown>) =>
      postJson(`${gateway.url}/bedrock/chat`, { ...question, model: 'llama-3-1', stream: true, ...body });
    emulator.setFaults([
      {
        kind: 'stream-error',
        afterChunks: 3,
        errorType: 'internalServerException',
        operation: 'InvokeModelWithResponseStream',
      },
    ]);
    try {
      const deltasOf = (events: ReturnType<typeof parseSse>) =>
        events.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
      const plain = parseSse((await chat({})).text);
      const delivered = deltasOf(plain);
      expect(delivered.length).toBeGreaterThan(1);
      // Act
      const cut = parseSse((await chat({ stop_sequences: [`${delivered.at(-1)}#never`] })).text);
      // Assert: the same text as without the stop sequence, then the same error.
      expect(deltasOf(cut).join('')).toBe(delivered.join(''));
      expect(cut.at(-1)).toMatchObject({ event: 'error' });
      expect(plain.at(-1)).toMatchObject({ event: 'error' });
    } finally {
      emulator.setFaults([]);
    }
  });

  it.each([
    ['timeout_ms passes', { kind: 'latency', chunkLatencyMs: 150 }, 1],
    ['Bedrock fails', { kind: 'stream-error', afterChunks: 4, errorType: 'internalServerException' }, 1],
    ['Bedrock closes the stream before its last event', { kind: 'stream-end', afterChunks: 4 }, 1],
    ['timeout_ms passes, the stop sequence opening the answer', { kind: 'latency', chunkLatencyMs: 150 }, 0],
  ] as const)(
    'ends a cut Llama stream with done when %s while the rest is read for its counts',
    async (_case, fault, stopWord) => {
      // Arrange: a stop sequence in the first chunks; the rest of the stream is slow or fails.
      const chat = (body: Record<string, unknown>) =>
        postJson(`${gateway.url}/bedrock/chat`, { ...question, model: 'llama-3-1', ...body });
      const free = (await chat({})).json;
      const words = (free.response as string).split(' ');
      expect(words.length).toBeGreaterThan(12);
      const stop = stopWord === 0 ? words[0]! : ` ${words[stopWord]}`;
      const want = (free.response as string).slice(0, (free.response as string).indexOf(stop));
      emulator.setFaults([{ ...fault, operation: 'InvokeModelWithResponseStream' }]);
      const before = (await gateway.usageRecords()).length;
      try {
        // Act
        const events = parseSse(
          (await chat({ stop_sequences: [stop], stream: true, timeout_ms: 1000 })).text,
        );
        // Assert: the caller had its whole answer; the end of the read is not an error.
        const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
        expect(deltas.join('')).toBe(want);
        expect(deltas.length).toBeGreaterThan(0); // API.md: at least one delta, even an empty one
        expect(events.map((e) => e.event)).not.toContain('error');
        const done = events.at(-1);
        expect(done).toMatchObject({ event: 'done', data: { stop_reason: 'stop_sequence' } });
        // Charged for what Bedrock reported so far: at least the chunks it delivered, less than all.
        const output = (done?.data.tokens_used as { output_tokens: number }).output_tokens;
        expect(output).toBeGreaterThan(0);
        expect(output).toBeLessThan((free.tokens_used as { output_tokens: number }).output_tokens);
        const records = (await gateway.usageRecords()).slice(before);
        expect(records).toMatchObject([{ status: 'success', errorCode: null, outputTokens: output }]);
      } finally {
        emulator.setFaults([]);
      }
    },
  );
});
