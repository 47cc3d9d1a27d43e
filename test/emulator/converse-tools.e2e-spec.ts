import {
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseStreamOutput,
  ConverseStreamCommand,
  type Message,
  type Tool,
  type ToolChoice,
} from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { HAIKU_3, rejectionOf, runtimeClient, startEmulator } from './support/emulator-harness';

const WEATHER: Tool = {
  toolSpec: {
    name: 'get_weather',
    description: 'Current weather for a city',
    inputSchema: {
      json: {
        type: 'object',
        properties: {
          city: { type: 'string' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          days: { type: 'integer', minimum: 2 },
          verbose: { type: 'boolean' },
        },
        required: ['city', 'unit', 'days'],
      },
    },
  },
};
const TIME: Tool = {
  toolSpec: {
    name: 'get_time',
    inputSchema: { json: { type: 'object', properties: { zone: { type: 'string' } } } },
  },
};

const ask = (text: string, toolChoice?: ToolChoice): ConverseCommandInput => ({
  modelId: HAIKU_3,
  messages: [{ role: 'user', content: [{ text }] }],
  toolConfig: { tools: [WEATHER, TIME], ...(toolChoice === undefined ? {} : { toolChoice }) },
});

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined) {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

describe('Converse tool calls, with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it('answers a forced tool with a toolUse block filled from its input schema', async () => {
    // Act
    const input = ask('What is the weather in Paris today?', { tool: { name: 'get_weather' } });
    const first = await runtimeClient(emulator).send(new ConverseCommand(input));
    const again = await runtimeClient(emulator).send(new ConverseCommand(input));

    // Assert
    expect(first.stopReason).toBe('tool_use');
    const toolUse = first.output?.message?.content?.[0]?.toolUse;
    expect(toolUse?.name).toBe('get_weather');
    expect(toolUse?.toolUseId).toMatch(/^tooluse_[A-Za-z0-9_-]{22}$/);
    expect(toolUse?.input).toEqual({ city: 'Paris', unit: 'celsius', days: 2 });
    expect(first.usage?.outputTokens).toBeGreaterThan(5);
    expect(again.output).toEqual(first.output);
  });

  it('calls the first tool for `any`', async () => {
    const output = await runtimeClient(emulator).send(
      new ConverseCommand(ask('Anything at all', { any: {} })),
    );
    expect(output.output?.message?.content?.[0]?.toolUse?.name).toBe('get_weather');
  });

  it('calls a tool the last user message names under `auto`, and answers text otherwise', async () => {
    const client = runtimeClient(emulator);
    const named = await client.send(new ConverseCommand(ask('Use get_time for Tokyo please')));
    const unnamed = await client.send(new ConverseCommand(ask('Tell me about Tokyo')));

    expect(named.stopReason).toBe('tool_use');
    // No `required`: every property is filled; `zone` takes the capitalised word of the question.
    expect(named.output?.message?.content?.[0]?.toolUse).toMatchObject({
      name: 'get_time',
      input: { zone: 'Tokyo' },
    });
    expect(unnamed.stopReason).toBe('end_turn');
    expect(unnamed.output?.message?.content?.[0]?.text).toEqual(expect.any(String));
  });

  it('refuses a forced tool that is not declared (400 ValidationException)', async () => {
    const input = ask('x', { tool: { name: 'get_stock' } });
    const error = await rejectionOf(runtimeClient(emulator).send(new ConverseCommand(input)));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
  });

  it('closes the loop: toolUse, then a toolResult answered in text with end_turn', async () => {
    // Arrange
    const client = runtimeClient(emulator);
    const first = ask('Weather in Paris?', { tool: { name: 'get_weather' } });
    const call = await client.send(new ConverseCommand(first));
    const toolUse = call.output?.message?.content?.[0]?.toolUse;
    const result: Message = {
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: toolUse?.toolUseId,
            content: [{ json: { forecast: 'sunshine', temperature: 21 } }],
            status: 'success',
          },
        },
      ],
    };

    // Act
    const answer = await client.send(
      new ConverseCommand({ ...first, messages: [...(first.messages ?? []), call.output!.message!, result] }),
    );

    // Assert
    expect(answer.stopReason).toBe('end_turn');
    const text = answer.output?.message?.content?.[0]?.text ?? '';
    expect(text).toContain('sunshine');
  });

  it('streams the call: contentBlockStart, input fragments that rebuild the blocking input, tool_use', async () => {
    // Arrange
    const input = ask('Weather in Lisbon?', { any: {} });
    const client = runtimeClient(emulator);
    const blocking = await client.send(new ConverseCommand(input));

    // Act
    const events = await collect((await client.send(new ConverseStreamCommand(input))).stream);

    // Assert
    const kinds = events.map((event) => Object.keys(event).find((key) => key !== '$unknown'));
    expect(kinds[0]).toBe('messageStart');
    expect(kinds[1]).toBe('contentBlockStart');
    expect(kinds.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    const blockingUse = blocking.output?.message?.content?.[0]?.toolUse;
    expect(events[1]?.contentBlockStart?.start?.toolUse).toEqual({
      toolUseId: blockingUse?.toolUseId,
      name: 'get_weather',
    });
    const fragments = events.flatMap((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? []);
    expect(fragments.length).toBeGreaterThan(1);
    expect(JSON.parse(fragments.join(''))).toEqual(blockingUse?.input);
    expect(events.at(-2)?.messageStop?.stopReason).toBe('tool_use');
    expect(events.at(-1)?.metadata?.usage).toEqual(blocking.usage);
  });
});
