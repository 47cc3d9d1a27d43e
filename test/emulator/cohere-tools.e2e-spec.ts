import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { runtimeClient, startEmulator } from './support/emulator-harness';

type Json = Record<string, unknown>;

const COMMAND_R = 'cohere.command-r-v1:0';
const COMMAND_R_PLUS = 'cohere.command-r-plus-v1:0';
const TOOLS = [
  {
    name: 'top_song',
    description: 'The most popular song on a radio station',
    parameter_definitions: {
      sign: { type: 'str', description: 'The call sign of the station', required: true },
      limit: { type: 'int', description: 'How many songs', required: true },
      explicit: { type: 'bool', description: 'Include explicit songs' },
    },
  },
  {
    name: 'lookup_order',
    description: 'Find an order',
    parameter_definitions: { orderId: { type: 'str', description: 'Order id', required: true } },
  },
];
const ASK = 'Use top_song: what is the top song on WZPZ?';

/** The scripted rule calls a tool the schema rule would not (no tool is named in the message). */
const SCRIPT = `
rules:
  - prompt: where is my parcel
    toolUse: { name: lookup_order, input: { orderId: A-17 } }
    text: Order A-17 shipped yesterday.
`;

describe('Cohere Command R tool calls, with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    const scriptFile = join(mkdtempSync(join(tmpdir(), 'bedrock-local-cohere-')), 'script.yaml');
    writeFileSync(scriptFile, SCRIPT);
    emulator = await startEmulator({ scriptFile });
  });
  afterAll(() => emulator.stop());

  const invoke = async (body: Json, modelId = COMMAND_R): Promise<Json> => {
    const output = await runtimeClient(emulator).send(
      new InvokeModelCommand({ modelId, contentType: 'application/json', body: JSON.stringify(body) }),
    );
    return JSON.parse(Buffer.from(output.body).toString('utf8')) as Json;
  };

  it('answers a message naming a tool with tool_calls, then tool_results with text', async () => {
    // Act
    const call = await invoke({ message: ASK, tools: TOOLS, max_tokens: 200 }, COMMAND_R_PLUS);
    const toolCalls = call.tool_calls as { name: string; parameters: Json }[];
    const answer = await invoke(
      {
        message: '',
        chat_history: call.chat_history,
        tools: TOOLS,
        tool_results: [{ call: toolCalls[0], outputs: [{ song: 'Elemental Hotel' }] }],
      },
      COMMAND_R_PLUS,
    );

    // Assert
    expect(call.finish_reason).toBe('COMPLETE');
    expect(call.text).toBe('');
    expect(toolCalls).toEqual([{ name: 'top_song', parameters: { sign: 'WZPZ', limit: 1 } }]);
    expect(answer.finish_reason).toBe('COMPLETE');
    expect(answer).not.toHaveProperty('tool_calls');
    expect(answer.text).not.toBe('');
  });

  it('answers text when the message names no tool', async () => {
    const body = await invoke({ message: 'What is the top song on WZPZ?', tools: TOOLS });
    expect(body).not.toHaveProperty('tool_calls');
    expect(body.text).not.toBe('');
  });

  it('streams stream-start, tool-calls-generation and stream-end with COMPLETE and the response', async () => {
    // Arrange
    const body = { message: ASK, tools: TOOLS };
    const blocking = await invoke(body);

    // Act
    const output = await runtimeClient(emulator).send(
      new InvokeModelWithResponseStreamCommand({
        modelId: COMMAND_R,
        contentType: 'application/json',
        body: JSON.stringify(body),
      }),
    );
    const chunks: Json[] = [];
    for await (const event of output.body!) {
      if (event.chunk?.bytes)
        chunks.push(JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')) as Json);
    }

    // Assert
    expect(chunks.map((chunk) => chunk.event_type)).toEqual([
      'stream-start',
      'tool-calls-generation',
      'stream-end',
    ]);
    expect(chunks[1]!.tool_calls).toEqual(blocking.tool_calls);
    const end = chunks[2]!;
    expect(end.finish_reason).toBe('COMPLETE');
    expect((end.response as Json).tool_calls).toEqual(blocking.tool_calls);
    expect(end).toHaveProperty('amazon-bedrock-invocationMetrics');
  });

  it('answers with a scripted call, then its text after the tool result', async () => {
    const call = await invoke({ message: 'Hello, where is my parcel?', tools: TOOLS });
    const answer = await invoke({
      message: 'Hello, where is my parcel?',
      tools: TOOLS,
      tool_results: [{ call: { name: 'lookup_order', parameters: { orderId: 'A-17' } }, outputs: [{}] }],
    });

    expect(call.tool_calls).toEqual([{ name: 'lookup_order', parameters: { orderId: 'A-17' } }]);
    expect(answer.text).toBe('Order A-17 shipped yesterday.');
  });
});
