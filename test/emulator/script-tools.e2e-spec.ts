import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { HAIKU_3, runtimeClient, startEmulator } from './support/emulator-harness';

/** A rule with both: the call first, then the text once the tool's result comes back. */
const SCRIPT = `
rules:
  - prompt: where is my order
    toolUse:
      name: lookup_order
      input: { orderId: A-17, express: true }
    text: Order A-17 shipped yesterday.
`;

const ORDER_TOOL = {
  toolSpec: {
    name: 'lookup_order',
    inputSchema: { json: { type: 'object', properties: { orderId: { type: 'string' } } } },
  },
};

const converse = (messages: ConverseCommandInput['messages'], tools = true): ConverseCommandInput => ({
  modelId: HAIKU_3,
  messages,
  ...(tools ? { toolConfig: { tools: [ORDER_TOOL] } } : {}),
});

const ASK = [{ role: 'user' as const, content: [{ text: 'Hello, where is my order?' }] }];

describe('scripted tool calls, with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-local-tools-'));
    const scriptFile = join(dir, 'script.yaml');
    writeFileSync(scriptFile, SCRIPT);
    emulator = await startEmulator({ scriptFile });
  });
  afterAll(() => emulator.stop());

  it('answers Converse with the scripted call, then the scripted text after the tool result', async () => {
    // Arrange
    const client = runtimeClient(emulator);

    // Act
    const call = await client.send(new ConverseCommand(converse(ASK)));
    const toolUse = call.output?.message?.content?.[0]?.toolUse;
    const answer = await client.send(
      new ConverseCommand(
        converse([
          ...ASK,
          call.output!.message!,
          {
            role: 'user',
            content: [{ toolResult: { toolUseId: toolUse?.toolUseId, content: [{ text: 'shipped' }] } }],
          },
        ]),
      ),
    );

    // Assert
    expect(call.stopReason).toBe('tool_use');
    expect(toolUse).toMatchObject({ name: 'lookup_order', input: { orderId: 'A-17', express: true } });
    expect(answer.stopReason).toBe('end_turn');
    expect(answer.output?.message?.content).toEqual([{ text: 'Order A-17 shipped yesterday.' }]);
  });

  it('streams the scripted call in ConverseStream', async () => {
    const output = await runtimeClient(emulator).send(new ConverseStreamCommand(converse(ASK)));
    const fragments: string[] = [];
    let stopReason: string | undefined;
    for await (const event of output.stream ?? []) {
      fragments.push(event.contentBlockDelta?.delta?.toolUse?.input ?? '');
      stopReason ??= event.messageStop?.stopReason;
    }

    expect(JSON.parse(fragments.join(''))).toEqual({ orderId: 'A-17', express: true });
    expect(stopReason).toBe('tool_use');
  });

  it('answers Claude natively with the scripted call', async () => {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'where is my order' }],
      tools: [{ name: 'lookup_order', input_schema: { type: 'object' } }],
    });
    const output = await runtimeClient(emulator).send(
      new InvokeModelCommand({ modelId: HAIKU_3, contentType: 'application/json', body }),
    );
    const answer = JSON.parse(Buffer.from(output.body).toString('utf8')) as Record<string, unknown>;

    expect(answer.stop_reason).toBe('tool_use');
    expect(answer.content).toEqual([
      expect.objectContaining({
        type: 'tool_use',
        name: 'lookup_order',
        input: { orderId: 'A-17', express: true },
      }),
    ]);
  });

  it('answers the scripted text when the request declares no tools', async () => {
    const output = await runtimeClient(emulator).send(new ConverseCommand(converse(ASK, false)));

    expect(output.stopReason).toBe('end_turn');
    expect(output.output?.message?.content).toEqual([{ text: 'Order A-17 shipped yesterday.' }]);
  });
});
