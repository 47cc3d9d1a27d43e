import { CATALOG_DATA, type NativeSchema } from '@app/bedrock';
import fc from 'fast-check';
import { DeterministicModelBehaviour } from './model-behaviour';
import { at, emulatorErrorOf } from './testing/spec-helpers';

/** A minimal valid native body per text schema, and where each schema puts the text. */
const NATIVE: Record<string, { body: (question: string) => unknown; text: string; chunkText: string }> = {
  'anthropic-messages': {
    body: (question) => ({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      messages: [{ role: 'user', content: question }],
    }),
    text: 'content.0.text',
    chunkText: 'delta.text',
  },
  'titan-text': {
    body: (question) => ({ inputText: question }),
    text: 'results.0.outputText',
    chunkText: 'outputText',
  },
  llama3: { body: (question) => ({ prompt: question }), text: 'generation', chunkText: 'generation' },
  'mistral-completion': {
    body: (question) => ({ prompt: `<s>[INST] ${question} [/INST]` }),
    text: 'outputs.0.text',
    chunkText: 'outputs.0.text',
  },
  'mistral-chat': {
    body: (question) => ({ messages: [{ role: 'user', content: question }] }),
    text: 'choices.0.message.content',
    chunkText: 'choices.0.message.content',
  },
  'cohere-command-r': { body: (question) => ({ message: question }), text: 'text', chunkText: 'text' },
};
const EMBEDDING_SCHEMAS: NativeSchema[] = ['titan-embed-v2', 'cohere-embed-v3'];
const textModels = CATALOG_DATA.models.filter((model) => model.kind === 'text');

describe('DeterministicModelBehaviour', () => {
  const behaviour = new DeterministicModelBehaviour(() => 0);

  it('has a native body for every text schema in the catalog', () => {
    for (const model of textModels) expect(Object.keys(NATIVE)).toContain(model.schema);
    for (const model of CATALOG_DATA.models.filter((candidate) => candidate.kind === 'embedding')) {
      expect(EMBEDDING_SCHEMAS).toContain(model.schema);
    }
  });

  it.each(textModels.map((model) => [model.alias, model] as const))(
    '%s: blocking text equals the concatenated stream, and token counts agree',
    (_alias, model) => {
      const native = NATIVE[model.schema]!;
      const body = native.body('How do tides work on the open ocean?');
      const blocking = behaviour.invoke(model, body, { requestId: 'a' });
      const stream = behaviour.invokeStream(model, body, { requestId: 'a' });
      const streamed = stream.chunks.map((chunk) => at(chunk, native.chunkText)).join('');
      expect(streamed).toBe(at(blocking.body, native.text));
      expect([stream.inputTokens, stream.outputTokens]).toEqual([
        blocking.inputTokens,
        blocking.outputTokens,
      ]);
      expect(blocking.inputTokens).toBeGreaterThan(0);
      expect(stream.chunks.some((chunk) => 'amazon-bedrock-invocationMetrics' in chunk)).toBe(false);
    },
  );

  it('takes both forms on Mistral Large 2402, answering each in its own schema (§7.4, §7.5)', () => {
    const large2402 = textModels.find((model) => model.modelId === 'mistral.mistral-large-2402-v1:0')!;
    const context = { requestId: 'r' };
    const completion = behaviour.invoke(large2402, NATIVE['mistral-completion']!.body('hi'), context);
    const chat = behaviour.invoke(large2402, NATIVE['mistral-chat']!.body('hi'), context);
    const chunks = behaviour.invokeStream(large2402, NATIVE['mistral-chat']!.body('hi'), context).chunks;

    expect(typeof at(completion.body, 'outputs.0.text')).toBe('string');
    expect(typeof at(chat.body, 'choices.0.message.content')).toBe('string');
    expect(typeof at(chunks[0], 'choices.0.message.content')).toBe('string');
  });

  it('gives the same text for the same request whatever the request id', () => {
    const model = textModels[0]!;
    const body = NATIVE[model.schema]!.body('Same question');
    const first = behaviour.invoke(model, body, { requestId: 'one' });
    const second = behaviour.invoke(model, body, { requestId: 'two' });
    expect(at(second.body, 'content.0.text')).toBe(at(first.body, 'content.0.text'));
    expect(second.body.id).not.toBe(first.body.id);
    expect(behaviour.invoke(model, body, { requestId: 'one' })).toEqual(first);
  });

  it('routes embedding models to the embedders and refuses to stream them', () => {
    const titan = CATALOG_DATA.models.find((model) => model.schema === 'titan-embed-v2')!;
    expect(behaviour.invoke(titan, { inputText: 'hello world' }, { requestId: 'r' }).body).toHaveProperty(
      'embedding',
    );
    expect(
      emulatorErrorOf(() => behaviour.invokeStream(titan, { inputText: 'x' }, { requestId: 'r' })).status,
    ).toBe(400);
  });

  it('never throws from promptText, whatever the body', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CATALOG_DATA.models),
        fc.anything(),
        fc.constantFrom('invoke' as const, 'converse' as const),
        (model, body, operation) => {
          return typeof behaviour.promptText(model, body, operation) === 'string';
        },
      ),
    );
  });

  it('returns all system and user text for Converse, and nothing for a bad body', () => {
    const model = textModels[0]!;
    const body = {
      system: [{ text: 'Be brief.' }],
      messages: [
        { role: 'user', content: [{ text: 'First?' }] },
        { role: 'assistant', content: [{ text: 'Answer.' }] },
        { role: 'user', content: [{ text: 'Second?' }] },
      ],
    };
    expect(behaviour.promptText(model, body, 'converse')).toBe('Be brief.\nFirst?\nSecond?');
    expect(behaviour.promptText(model, { messages: 'nope' }, 'converse')).toBe('');
    expect(behaviour.promptText(model, null, 'invoke')).toBe('');
  });
});
