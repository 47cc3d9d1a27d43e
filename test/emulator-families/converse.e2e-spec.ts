import {
  ConverseCommand,
  ConverseStreamCommand,
  ValidationException,
  type ConverseCommandInput,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { FAMILY_CASES } from './support/family-cases';
import { startFamilyHarness, type FamilyHarness } from './support/family-harness';

function input(
  modelId: string,
  text: string,
  extra: Partial<ConverseCommandInput> = {},
): ConverseCommandInput {
  return {
    modelId,
    messages: [{ role: 'user', content: [{ text }] }],
    inferenceConfig: { maxTokens: 300 },
    ...extra,
  };
}

/** Event names in arrival order, as the SDK yields them (`{messageStart: …}` → `messageStart`). */
function eventName(event: ConverseStreamOutput): string {
  return Object.keys(event).find((key) => key !== '$unknown') ?? '$unknown';
}

describe('Converse and ConverseStream per family (real SDK, HTTP/2)', () => {
  let harness: FamilyHarness;

  beforeAll(async () => {
    harness = await startFamilyHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  describe.each(FAMILY_CASES.map((family) => [family.schema, family.modelId] as const))(
    '%s',
    (_schema, modelId) => {
      it('streams the same text and usage as Converse, in the realistic event order', async () => {
        const blocking = await harness.client.send(
          new ConverseCommand(input(modelId, 'What makes bread rise?')),
        );
        const output = await harness.client.send(
          new ConverseStreamCommand(input(modelId, 'What makes bread rise?')),
        );
        const events: ConverseStreamOutput[] = [];
        for await (const event of output.stream ?? []) events.push(event);

        const names = events.map(eventName);
        expect(names[0]).toBe('messageStart');
        expect(names.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
        expect(names.slice(1, -3).every((name) => name === 'contentBlockDelta')).toBe(true);
        const text = events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('');
        expect(text).toBe(blocking.output?.message?.content?.[0]?.text);
        expect(blocking.stopReason).toBe('end_turn');
        expect(events.at(-2)?.messageStop?.stopReason).toBe(blocking.stopReason);
        const usage = blocking.usage!;
        expect(usage.totalTokens).toBe(usage.inputTokens! + usage.outputTokens!);
        expect(events.at(-1)?.metadata?.usage).toEqual(usage);
        expect(typeof blocking.metrics?.latencyMs).toBe('number');
      });

      it('reports max_tokens when the budget is exhausted', async () => {
        const capped = await harness.client.send(
          new ConverseCommand(
            input(modelId, 'Tell me everything about bread.', { inferenceConfig: { maxTokens: 2 } }),
          ),
        );
        expect(capped.stopReason).toBe('max_tokens');
        expect(capped.usage?.outputTokens).toBe(2);
      });
    },
  );

  it('rejects a system prompt on Titan with the service message', async () => {
    const titan = input('amazon.titan-text-express-v1', 'Hi', { system: [{ text: 'Be terse.' }] });
    const error: unknown = await harness.client
      .send(new ConverseCommand(titan))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toBe("This model doesn't support system messages.");
  });

  it('rejects an out-of-range temperature naming the field', async () => {
    const request = input(FAMILY_CASES[0]!.modelId, 'Hi', { inferenceConfig: { temperature: 1.5 } });
    const error: unknown = await harness.client
      .send(new ConverseCommand(request))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toContain("'inferenceConfig.temperature'");
  });
});
