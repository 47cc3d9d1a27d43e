import recordedRequest from './__fixtures__/anthropic-messages.request.json';
import recordedResponse from './__fixtures__/anthropic-messages.response.json';
import smallRequest from './__fixtures__/anthropic-messages.small-request.json';
import recordedStream from './__fixtures__/anthropic-messages.stream.json';
import { invokeBoth } from '../testing/invoke-both';
import { shapeDifferences } from '../testing/shape-compare';
import { at, catalogModel, emulatorErrorOf, withoutInvocationMetrics } from '../testing/spec-helpers';
import { DeterministicModelBehaviour } from '../model-behaviour';

const model = catalogModel('claude-3-haiku');

function streamText(chunks: Record<string, unknown>[]): string {
  return chunks
    .filter((chunk) => chunk.type === 'content_block_delta')
    .map((chunk) => at(chunk, 'delta.text'))
    .join('');
}

describe('anthropic-messages schema', () => {
  it.each([
    ['the full recorded request', recordedRequest],
    ['the recorded minimal request', smallRequest],
  ])('accepts %s and answers with the recorded response shape', (_name, request) => {
    const { blocking } = invokeBoth(model, request);
    expect(shapeDifferences(recordedResponse, blocking.body)).toEqual([]);
    expect(blocking.body.id).toMatch(/^msg_bdrk_01[0-9A-Za-z]{22}$/);
    expect(blocking.body.model).toBe('claude-3-haiku-20240307');
  });

  it('streams the recorded chunk sequence, each chunk shaped like its recorded counterpart', () => {
    const { stream } = invokeBoth(model, recordedRequest);
    const types = stream.chunks.map((chunk) => chunk.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(1, 2)).toEqual(['content_block_start']);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    for (const chunk of stream.chunks) {
      const recorded = recordedStream.find((candidate) => candidate.type === chunk.type)!;
      expect(shapeDifferences(withoutInvocationMetrics(recorded), chunk)).toEqual([]);
    }
  });

  it('keeps text and token counts consistent between body, chunks and the outcome', () => {
    const { blocking, stream } = invokeBoth(model, smallRequest);
    expect(streamText(stream.chunks)).toBe(at(blocking.body, 'content.0.text'));
    expect(blocking.body.usage).toEqual({
      input_tokens: blocking.inputTokens,
      output_tokens: blocking.outputTokens,
    });
    expect(at(stream.chunks[0], 'message.usage.input_tokens')).toBe(stream.inputTokens);
    expect(at(stream.chunks.at(-2), 'usage.output_tokens')).toBe(stream.outputTokens);
    expect([stream.inputTokens, stream.outputTokens]).toEqual([blocking.inputTokens, blocking.outputTokens]);
  });

  it('reports max_tokens when capped', () => {
    const { body } = invokeBoth(model, { ...smallRequest, max_tokens: 3 }).blocking;
    expect(body.stop_reason).toBe('max_tokens');
    expect(at(body, 'usage.output_tokens')).toBe(3);
  });

  it('reports the matched stop sequence', () => {
    const text = 'First part. STOP second part.';
    const { body } = invokeBoth(
      model,
      { ...smallRequest, max_tokens: 100, stop_sequences: ['STOP'] },
      text,
    ).blocking;
    expect(body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'STOP' });
    expect(at(body, 'content.0.text')).toBe('First part. ');
  });

  it('reads system text and user turns for prompt matching', () => {
    const text = new DeterministicModelBehaviour().promptText(model, recordedRequest, 'invoke');
    expect(text).toBe('You are terse.\nHello\nWhat is in this image?');
  });

  const { anthropic_version: _version, ...withoutVersion } = smallRequest;
  it.each([
    ['a missing anthropic_version', withoutVersion, '#: required key [anthropic_version] not found'],
    ['an extraneous key', { ...smallRequest, foo: 1 }, '#: extraneous key [foo] is not permitted'],
    [
      'a wrong anthropic_version',
      { ...smallRequest, anthropic_version: '2023-06-01' },
      '#/anthropic_version',
    ],
    ['max_tokens of 0', { ...smallRequest, max_tokens: 0 }, '#/max_tokens: 0 is not greater or equal to 1'],
    ['max_tokens above the model limit', { ...smallRequest, max_tokens: 5000 }, 'max_tokens: 5000 > 4096'],
    ['a string max_tokens', { ...smallRequest, max_tokens: '10' }, '#/max_tokens: expected type: Integer'],
    [
      'temperature above 1',
      { ...smallRequest, temperature: 1.5 },
      '#/temperature: 1.5 is not less or equal to 1',
    ],
    ['top_p below 0', { ...smallRequest, top_p: -0.1 }, '#/top_p: -0.1 is not greater or equal to 0'],
    [
      'a stop sequence of whitespace only',
      { ...smallRequest, stop_sequences: ['END', '\n'] },
      'stop_sequences: each stop sequence must contain non-whitespace',
    ],
    [
      'messages that are not a list',
      { ...smallRequest, messages: 'hi' },
      '#/messages: expected type: JSONArray',
    ],
    ['no messages', { ...smallRequest, messages: [] }, 'messages: at least one message is required'],
    [
      'a first assistant message',
      { ...smallRequest, messages: [{ role: 'assistant', content: 'x' }] },
      'messages: first message must use the "user" role',
    ],
    [
      'two user turns in a row',
      {
        ...smallRequest,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      },
      'messages: roles must alternate',
    ],
    ['an unknown role', { ...smallRequest, messages: [{ role: 'bot', content: 'x' }] }, '#/messages/0/role'],
    [
      'a non-string text block',
      { ...smallRequest, messages: [{ role: 'user', content: [{ type: 'text', text: 1 }] }] },
      '#/messages/0/content/0/text',
    ],
    ['stop_sequences that are not strings', { ...smallRequest, stop_sequences: [1] }, '#/stop_sequences/0'],
    [
      'an empty text',
      { ...smallRequest, messages: [{ role: 'user', content: '' }] },
      'messages: text content blocks must be non-empty',
    ],
    [
      'a text block of whitespace',
      { ...smallRequest, messages: [{ role: 'user', content: [{ type: 'text', text: ' \n ' }] }] },
      'messages: text content blocks must contain non-whitespace text',
    ],
    [
      'a prefill ending with whitespace',
      {
        ...smallRequest,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'Sure, ' },
        ],
      },
      'messages: final assistant content cannot end with trailing whitespace',
    ],
  ])('rejects %s with a ValidationException naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() =>
      new DeterministicModelBehaviour().invoke(model, body, { requestId: 'r' }),
    );
    expect(error.errorType).toBe('ValidationException');
    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
  });

  it('refuses temperature with top_p on a Claude 4.5 model, as Bedrock does, and takes either alone', () => {
    const sonnet = catalogModel('claude-sonnet-4-5');
    const behaviour = new DeterministicModelBehaviour();
    const both = { ...smallRequest, temperature: 0.5, top_p: 0.9 };

    const error = emulatorErrorOf(() => behaviour.invoke(sonnet, both, { requestId: 'r' }));

    expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
    expect(error.message).toBe(
      '`temperature` and `top_p` cannot both be specified for this model. Please use only one.',
    );
    expect(() => behaviour.invoke(sonnet, { ...smallRequest, top_p: 0.9 }, { requestId: 'r' })).not.toThrow();
    expect(() => behaviour.invoke(model, both, { requestId: 'r' })).not.toThrow();
  });
});
