import recordedRequest from './__fixtures__/mistral-chat.request.json';
import recordedResponse from './__fixtures__/mistral-chat.response.json';
import recordedStream from './__fixtures__/mistral-chat.stream.json';
import { DeterministicModelBehaviour } from '../model-behaviour';
import { invokeBoth } from '../testing/invoke-both';
import { shapeDifferences } from '../testing/shape-compare';
import { at, catalogModel, emulatorErrorOf, withoutInvocationMetrics } from '../testing/spec-helpers';

const model = catalogModel('mistral-large-2407');
const [firstRecorded, lastRecorded] = recordedStream.map(withoutInvocationMetrics);
const ignoreKeys = ['p'];

describe('mistral-chat schema (Large 2407)', () => {
  it('accepts the recorded request and answers with stop_reason (not finish_reason) and usage', () => {
    const { blocking } = invokeBoth(model, recordedRequest);
    expect(shapeDifferences(recordedResponse, blocking.body)).toEqual([]);
    expect(blocking.body).toMatchObject({
      object: 'chat.completion',
      model: 'mistral-large-2407',
      created: 1732582566,
    });
    expect(at(blocking.body, 'choices.0.stop_reason')).toBe('stop');
    expect(blocking.body.usage).toEqual({
      prompt_tokens: blocking.inputTokens,
      completion_tokens: blocking.outputTokens,
      total_tokens: blocking.inputTokens + blocking.outputTokens,
    });
  });

  it('streams chat.completion.chunk objects; only the last has stop_reason and usage', () => {
    const { blocking, stream } = invokeBoth(model, recordedRequest);
    expect(shapeDifferences(firstRecorded, stream.chunks[0], { ignoreKeys })).toEqual([]);
    expect(shapeDifferences(lastRecorded, stream.chunks.at(-1), { ignoreKeys })).toEqual([]);
    const text = stream.chunks.map((chunk) => at(chunk, 'choices.0.message.content')).join('');
    expect(text).toBe(at(blocking.body, 'choices.0.message.content'));
    expect(at(stream.chunks.at(-1), 'usage.completion_tokens')).toBe(stream.outputTokens);
  });

  it('takes system messages as system text and tool results as input', () => {
    const prompt = new DeterministicModelBehaviour().promptText(model, recordedRequest, 'invoke');
    expect(prompt).toBe('You are terse.\nwhich llm are you?\n{"song":"Elemental Hotel"}');
  });

  it('says length when capped', () => {
    const body = invokeBoth(model, { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 1 }).blocking
      .body;
    expect(at(body, 'choices.0.stop_reason')).toBe('length');
  });

  it.each([
    ['a missing messages', { prompt: 'x' }, '#: required key [messages] not found'],
    [
      'an extraneous key',
      { messages: [{ role: 'user', content: 'x' }], top_k: 5 },
      '#: extraneous key [top_k]',
    ],
    ['an unknown role', { messages: [{ role: 'robot', content: 'x' }] }, '#/messages/0/role'],
    [
      'max_tokens above the limit',
      { messages: [{ role: 'user', content: 'x' }], max_tokens: 10000 },
      'max_tokens: 10000 > 8192',
    ],
    ['temperature above 1', { messages: [{ role: 'user', content: 'x' }], temperature: 3 }, '#/temperature'],
    [
      'a last assistant message (no prefix in this schema)',
      {
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: 'Sure:' },
        ],
      },
      'Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant',
    ],
  ])('rejects %s naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() =>
      new DeterministicModelBehaviour().invoke(model, body, { requestId: 'r' }),
    );
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});
