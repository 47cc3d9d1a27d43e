import recordedRequest from './__fixtures__/mistral-completion.request.json';
import recordedResponse from './__fixtures__/mistral-completion.response.json';
import recordedStream from './__fixtures__/mistral-completion.stream.json';
import { DeterministicModelBehaviour } from '../model-behaviour';
import { invokeBoth } from '../testing/invoke-both';
import { shapeDifferences } from '../testing/shape-compare';
import { at, catalogModel, emulatorErrorOf, withoutInvocationMetrics } from '../testing/spec-helpers';
import { MistralChatSchema } from './mistral-chat.schema';
import { MistralCompletionSchema, parseMistralPrompt } from './mistral-completion.schema';

const model = catalogModel('mistral-7b');
const [firstRecorded, lastRecorded] = recordedStream.map(withoutInvocationMetrics);

describe('mistral-completion schema', () => {
  it('accepts the recorded request and answers with the recorded shape (no token counts in the body)', () => {
    const { blocking } = invokeBoth(model, recordedRequest);
    expect(shapeDifferences(recordedResponse, blocking.body)).toEqual([]);
    expect(at(blocking.body, 'outputs.0.stop_reason')).toBe('stop');
    expect(blocking.outputTokens).toBeGreaterThan(0);
  });

  it('streams output pieces with stop_reason only on the last one', () => {
    const { blocking, stream } = invokeBoth(model, recordedRequest);
    expect(shapeDifferences(firstRecorded, stream.chunks[0])).toEqual([]);
    expect(shapeDifferences(lastRecorded, stream.chunks.at(-1))).toEqual([]);
    expect(stream.chunks.map((chunk) => at(chunk, 'outputs.0.text')).join('')).toBe(
      at(blocking.body, 'outputs.0.text'),
    );
    expect(stream.chunks.slice(0, -1).every((chunk) => at(chunk, 'outputs.0.stop_reason') === null)).toBe(
      true,
    );
  });

  it("defaults max_tokens to the model's own default: 8192 on Large 2402, the catalog's on 7B (§7.4)", () => {
    const schema = new MistralCompletionSchema();

    expect(schema.parse(catalogModel('mistral-large'), { prompt: 'Hi' }).maxTokens).toBe(8192);
    expect(
      new MistralChatSchema().parse(catalogModel('mistral-large'), {
        messages: [{ role: 'user', content: 'Hi' }],
      }).maxTokens,
    ).toBe(8192);
    expect(schema.parse(model, { prompt: 'Hi' }).maxTokens).toBe(model.defaultMaxTokens);
  });

  it('says length when capped and honours `stop`', () => {
    expect(
      at(invokeBoth(model, { prompt: 'Hi', max_tokens: 2 }).blocking.body, 'outputs.0.stop_reason'),
    ).toBe('length');
    const stopped = invokeBoth(model, { prompt: 'Hi', stop: ['\n\n'] }, 'One.\n\nTwo.').blocking.body;
    expect(at(stopped, 'outputs.0')).toEqual({ text: 'One.', stop_reason: 'stop' });
  });

  it('reads [INST] turns back out of the prompt', () => {
    expect(parseMistralPrompt('<s>[INST] q1 [/INST] a1</s>[INST] q2 [/INST]')).toEqual([
      { role: 'user', text: 'q1' },
      { role: 'assistant', text: 'a1' },
      { role: 'user', text: 'q2' },
    ]);
  });

  it('keeps an [INST] inside a question and ignores a trailing unclosed one, as the old pattern read them', () => {
    expect(parseMistralPrompt('[INST] a [INST] b [/INST] c [INST] d')).toEqual([
      { role: 'user', text: 'a [INST] b' },
      { role: 'assistant', text: 'c' },
    ]);
  });

  it('reads a long run of unclosed [INST] in linear time (a lazy regex took a minute on 1 MB)', () => {
    // Arrange
    const prompt = '[INST]'.repeat(50_000);

    // Act (no timed assertion: the old regex took a minute, past jest's own timeout)
    const turns = parseMistralPrompt(prompt);

    // Assert
    expect(turns).toEqual([{ role: 'user', text: prompt }]);
  });

  it.each([
    ['a missing prompt', { max_tokens: 5 }, '#: required key [prompt] not found'],
    [
      'an extraneous key',
      { prompt: 'x', max_gen_len: 5 },
      '#: extraneous key [max_gen_len] is not permitted',
    ],
    ['max_tokens above the limit', { prompt: 'x', max_tokens: 9000 }, 'max_tokens: 9000 > 8192'],
    ['temperature above 1', { prompt: 'x', temperature: 1.1 }, '#/temperature'],
    ['top_p below 0', { prompt: 'x', top_p: -0.5 }, '#/top_p'],
    ['a non-list stop', { prompt: 'x', stop: 'END' }, '#/stop: expected type: JSONArray'],
  ])('rejects %s naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() =>
      new DeterministicModelBehaviour().invoke(model, body, { requestId: 'r' }),
    );
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});
