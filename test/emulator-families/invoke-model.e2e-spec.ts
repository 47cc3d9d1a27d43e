import { ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { FAMILY_CASES } from './support/family-cases';
import {
  at,
  invokeJson,
  invokeStreamChunks,
  startFamilyHarness,
  type FamilyHarness,
} from './support/family-harness';

const QUESTION = 'How do tides work on the open ocean?';

describe('InvokeModel and InvokeModelWithResponseStream per native schema (real SDK, HTTP/2)', () => {
  let harness: FamilyHarness;

  beforeAll(async () => {
    harness = await startFamilyHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  describe.each(FAMILY_CASES.map((family) => [family.schema, family] as const))('%s', (_schema, family) => {
    it('answers InvokeModel with text, and token headers that match the body', async () => {
      const { body, tokens } = await invokeJson(harness, family.modelId, family.body(QUESTION, 400));
      expect(typeof at(body, family.text)).toBe('string');
      expect((at(body, family.text) as string).length).toBeGreaterThan(0);
      expect(tokens.input).toBeGreaterThan(0);
      expect(tokens.output).toBeGreaterThan(0);
      expect(tokens.latencyMs).toBeGreaterThanOrEqual(0);
      if (family.bodyTokens) {
        expect([at(body, family.bodyTokens.input), at(body, family.bodyTokens.output)]).toEqual([
          tokens.input,
          tokens.output,
        ]);
      }
    });

    it('streams chunks whose text equals the blocking answer, with matching invocation metrics on the last chunk', async () => {
      const blocking = await invokeJson(harness, family.modelId, family.body(QUESTION, 400));
      const chunks = await invokeStreamChunks(harness, family.modelId, family.body(QUESTION, 400));
      const streamed = chunks.map((chunk) => at(chunk, family.chunkText)).join('');
      expect(streamed).toBe(at(blocking.body, family.text));
      const metrics = chunks.at(-1)?.['amazon-bedrock-invocationMetrics'];
      expect(metrics).toMatchObject({
        inputTokenCount: blocking.tokens.input,
        outputTokenCount: blocking.tokens.output,
      });
      expect(chunks.slice(0, -1).some((chunk) => 'amazon-bedrock-invocationMetrics' in chunk)).toBe(false);
    });

    it('caps the answer at the requested max tokens', async () => {
      const { tokens } = await invokeJson(harness, family.modelId, family.body(QUESTION, 3));
      expect(tokens.output).toBe(3);
    });

    it('rejects an extraneous key with a ValidationException naming it', async () => {
      const request = invokeJson(harness, family.modelId, {
        ...family.body(QUESTION, 10),
        not_a_field: true,
      });
      const error: unknown = await request.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as Error).message).toContain('#: extraneous key [not_a_field] is not permitted');
    });
  });

  it('answers extractively when the prompt carries retrieved context', async () => {
    const claude = FAMILY_CASES[0]!;
    const question = [
      '<context>',
      '<source id="1" uri="s3://kb/handbook.md">',
      'Expense reports are due on the fifth working day of each month. Late reports need a manager note.',
      '</source>',
      '</context>',
      'When are expense reports due?',
    ].join('\n');
    const { body } = await invokeJson(harness, claude.modelId, claude.body(question, 200));
    expect(at(body, claude.text)).toContain(
      'Expense reports are due on the fifth working day of each month.',
    );
  });
});
