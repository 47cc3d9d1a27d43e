import { InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { HAIKU_3, rejectionOf, runtimeClient, startEmulator, invokeJson } from './support/emulator-harness';

type Json = Record<string, unknown>;

const TOOLS = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    input_schema: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
      required: ['city'],
    },
  },
  { name: 'get_time', input_schema: { type: 'object', properties: { zone: { type: 'string' } } } },
];

const claudeToolsBody = (messages: unknown[], toolChoice?: Json): string =>
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 200,
    messages,
    tools: TOOLS,
    ...(toolChoice === undefined ? {} : { tool_choice: toolChoice }),
  });

const question = (text: string) => [{ role: 'user', content: text }];

describe('Claude native tool calls, with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  const invoke = (body: string): Promise<Json> => invokeJson(emulator, HAIKU_3, body);

  it.each([
    ['tool', { type: 'tool', name: 'get_time' }, 'get_time', { zone: 'Berlin' }],
    ['any', { type: 'any' }, 'get_weather', { city: 'Berlin' }],
    ['auto, naming the tool', undefined, 'get_weather', { city: 'Berlin' }],
  ])('answers tool_choice %s with a tool_use block', async (_name, choice, tool, input) => {
    const text = choice === undefined ? 'Call get_weather for Berlin' : 'Weather in Berlin?';
    const body = await invoke(claudeToolsBody(question(text), choice));

    expect(body.stop_reason).toBe('tool_use');
    expect(body.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^toolu_bdrk_01[A-Za-z0-9]{22}$/), name: tool, input },
    ]);
    expect((body.usage as Json).output_tokens).toBeGreaterThan(3);
  });

  it.each([
    ['none, even with a tool named', 'Call get_weather for Berlin', { type: 'none' }],
    ['auto without a tool named', 'Weather in Berlin?', { type: 'auto' }],
  ])('answers text for tool_choice %s', async (_name, text, choice) => {
    const body = await invoke(claudeToolsBody(question(text), choice));

    expect(body.stop_reason).toBe('end_turn');
    expect((body.content as Json[])[0]).toMatchObject({ type: 'text' });
  });

  it('refuses a tool choice naming no declared tool, and tool_choice without tools', async () => {
    const client = runtimeClient(emulator);
    const unknown = claudeToolsBody(question('x'), { type: 'tool', name: 'get_stock' });
    const noTools = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: question('x'),
      tool_choice: { type: 'any' },
    });
    for (const body of [unknown, noTools]) {
      const error = await rejectionOf(
        client.send(new InvokeModelCommand({ modelId: HAIKU_3, contentType: 'application/json', body })),
      );
      expect([error.name, (error.$metadata as Json).httpStatusCode]).toEqual(['ValidationException', 400]);
    }
  });

  it('answers a tool_result in text (end_turn)', async () => {
    // Arrange
    const messages = question('Weather in Berlin?');
    const call = await invoke(claudeToolsBody(messages, { type: 'any' }));
    const toolUse = (call.content as Json[])[0]!;
    const result = {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Drizzle and 12 degrees' }],
    };

    // Act
    const answer = await invoke(
      claudeToolsBody([...messages, { role: 'assistant', content: [toolUse] }, result], { type: 'any' }),
    );

    // Assert
    expect(answer.stop_reason).toBe('end_turn');
    expect((answer.content as Json[])[0]).toMatchObject({ type: 'text' });
  });

  it('streams tool_use: input_json_delta fragments rebuild the blocking input', async () => {
    // Arrange
    const body = claudeToolsBody(question('Weather in Berlin?'), { type: 'tool', name: 'get_weather' });
    const blocking = await invoke(body);

    // Act
    const output = await runtimeClient(emulator).send(
      new InvokeModelWithResponseStreamCommand({ modelId: HAIKU_3, contentType: 'application/json', body }),
    );
    const chunks: Json[] = [];
    for await (const event of output.body!) {
      if (event.chunk?.bytes)
        chunks.push(JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')) as Json);
    }

    // Assert
    const blockingUse = (blocking.content as Json[])[0]!;
    expect(chunks[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { ...blockingUse, input: {} },
    });
    const deltas = chunks.filter((chunk) => chunk.type === 'content_block_delta');
    expect(deltas.every((chunk) => (chunk.delta as Json).type === 'input_json_delta')).toBe(true);
    const json = deltas.map((chunk) => (chunk.delta as Json).partial_json as string).join('');
    expect(JSON.parse(json)).toEqual(blockingUse.input);
    const messageDelta = chunks.find((chunk) => chunk.type === 'message_delta')!;
    expect(messageDelta.delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
    expect(messageDelta.usage).toEqual({ output_tokens: (blocking.usage as Json).output_tokens });
  });
});
