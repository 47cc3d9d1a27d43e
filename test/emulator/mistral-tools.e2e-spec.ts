import { InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { runtimeClient, startEmulator, invokeJson } from './support/emulator-harness';

type Json = Record<string, unknown>;

const MISTRAL_LARGE_2407 = 'mistral.mistral-large-2407-v1:0';
const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'top_song',
      description: 'The most popular song on a radio station',
      parameters: { type: 'object', properties: { sign: { type: 'string' } }, required: ['sign'] },
    },
  },
];
const ASK = [{ role: 'user', content: 'What is the top song on WZPZ?' }];

const mistralBody = (messages: unknown[], toolChoice: string): string =>
  JSON.stringify({ messages, tools: TOOLS, tool_choice: toolChoice, max_tokens: 200 });

describe('Mistral Large 2407 tool calls, with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  const invoke = (body: string): Promise<Json> => invokeJson(emulator, MISTRAL_LARGE_2407, body);

  it('answers tool_choice any with tool_calls, then the tool message with text', async () => {
    // Act
    const call = await invoke(mistralBody(ASK, 'any'));
    const choice = (call.choices as Json[])[0]!;
    const message = choice.message as { tool_calls: { id: string; function: Json }[] };
    const toolCall = message.tool_calls[0]!;
    const answer = await invoke(
      mistralBody(
        [...ASK, message, { role: 'tool', tool_call_id: toolCall.id, content: '{"song":"Elemental Hotel"}' }],
        'any',
      ),
    );

    // Assert
    expect(choice.stop_reason).toBe('tool_calls');
    expect(toolCall.id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(toolCall.function.name).toBe('top_song');
    expect(JSON.parse(toolCall.function.arguments as string)).toEqual({ sign: 'WZPZ' });
    const answered = (answer.choices as Json[])[0]!;
    expect(answered.stop_reason).toBe('stop');
    expect((answered.message as Json).tool_calls).toBeNull();
  });

  it('answers tool_choice none with text', async () => {
    const body = await invoke(mistralBody([{ role: 'user', content: 'Use top_song please' }], 'none'));
    expect((body.choices as Json[])[0]!.stop_reason).toBe('stop');
  });

  it('streams the call in one chunk with stop_reason tool_calls', async () => {
    const body = mistralBody(ASK, 'any');
    const blocking = await invoke(body);
    const output = await runtimeClient(emulator).send(
      new InvokeModelWithResponseStreamCommand({
        modelId: MISTRAL_LARGE_2407,
        contentType: 'application/json',
        body,
      }),
    );
    const chunks: Json[] = [];
    for await (const event of output.body!) {
      if (event.chunk?.bytes)
        chunks.push(JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')) as Json);
    }

    const last = (chunks.at(-1)!.choices as Json[])[0]!;
    expect(last.stop_reason).toBe('tool_calls');
    const blockingMessage = (blocking.choices as Json[])[0]!.message as Json;
    expect((last.message as Json).tool_calls).toEqual(blockingMessage.tool_calls);
  });
});
