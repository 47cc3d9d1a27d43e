import recordedRequest from './__fixtures__/cohere-command-r.request.json';
import recordedResponse from './__fixtures__/cohere-command-r.response.json';
import recordedStream from './__fixtures__/cohere-command-r.stream.json';
import { DeterministicModelBehaviour } from '../model-behaviour';
import { invokeBoth } from '../testing/invoke-both';
import { shapeDifferences } from '../testing/shape-compare';
import { at, catalogModel, emulatorErrorOf, withoutInvocationMetrics } from '../testing/spec-helpers';

const model = catalogModel('command-r');
const groundedRequest = { ...recordedRequest, message: 'Who described universal gravitation?' };

describe('cohere-command-r schema', () => {
  it('accepts the recorded request and answers with the recorded shape, without meta.billed_units', () => {
    const { blocking } = invokeBoth(model, groundedRequest);
    expect(shapeDifferences(recordedResponse, blocking.body)).toEqual([]);
    expect(blocking.body).not.toHaveProperty('meta');
    expect(blocking.body.finish_reason).toBe('COMPLETE');
  });

  it('answers from native documents and cites them as doc_<index>', () => {
    const { body } = invokeBoth(model, groundedRequest).blocking;
    expect(body.text).toBe('Isaac Newton described universal gravitation in 1687.');
    expect(body.citations).toEqual([
      {
        start: 0,
        end: 53,
        text: 'Isaac Newton described universal gravitation in 1687.',
        document_ids: ['doc_0'],
      },
    ]);
    expect(at(body, 'documents.0')).toEqual({
      id: 'doc_0',
      title: 'Newton',
      snippet: 'Isaac Newton described universal gravitation in 1687.',
    });
  });

  it('streams stream-start, text-generation×N, and stream-end carrying the full response', () => {
    const { blocking, stream } = invokeBoth(model, groundedRequest);
    const kinds = stream.chunks.map((chunk) => chunk.event_type);
    expect(kinds[0]).toBe('stream-start');
    expect(kinds.at(-1)).toBe('stream-end');
    expect(kinds.slice(1, -1).every((kind) => kind === 'text-generation')).toBe(true);
    for (const chunk of stream.chunks) {
      const recorded = recordedStream.find((candidate) => candidate.event_type === chunk.event_type)!;
      expect(shapeDifferences(withoutInvocationMetrics(recorded), chunk)).toEqual([]);
    }
    const text = stream.chunks
      .filter((chunk) => chunk.event_type === 'text-generation')
      .map((chunk) => chunk.text);
    expect(text.join('')).toBe(blocking.body.text);
    expect(stream.chunks.at(-1)!.response).toEqual(blocking.body);
  });

  it('keeps the chat history with the new exchange appended', () => {
    const { body } = invokeBoth(
      model,
      {
        message: 'Next?',
        chat_history: [
          { role: 'USER', message: 'Hi' },
          { role: 'CHATBOT', message: 'Yo' },
        ],
      },
      'Done.',
    ).blocking;
    expect(body.chat_history).toEqual([
      { role: 'USER', message: 'Hi' },
      { role: 'CHATBOT', message: 'Yo' },
      { role: 'USER', message: 'Next?' },
      { role: 'CHATBOT', message: 'Done.' },
    ]);
  });

  it('says MAX_TOKENS when capped', () => {
    expect(
      invokeBoth(model, { message: 'Tell me everything.', max_tokens: 2 }).blocking.body.finish_reason,
    ).toBe('MAX_TOKENS');
  });

  describe('tool calls', () => {
    const tools = [
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameter_definitions: {
          city: { type: 'str', description: 'City', required: true },
          days: { type: 'int', description: 'Days ahead', required: true },
          unit: { type: 'str', description: 'Unit', required: false },
        },
      },
    ];
    const call = [{ name: 'get_weather', parameters: { city: 'Paris', days: 1 } }];

    it('answers a message naming a tool with tool_calls, empty text and COMPLETE', () => {
      const { body } = invokeBoth(model, { message: 'get_weather for Paris, please', tools }).blocking;
      expect(body.tool_calls).toEqual(call);
      expect(body.text).toBe('');
      expect(body.finish_reason).toBe('COMPLETE');
      expect(body.chat_history).toEqual([
        { role: 'USER', message: 'get_weather for Paris, please' },
        { role: 'CHATBOT', message: '', tool_calls: call },
      ]);
    });

    it('streams stream-start, one tool-calls-generation and stream-end with the response', () => {
      const { blocking, stream } = invokeBoth(model, { message: 'get_weather for Paris, please', tools });
      expect(stream.chunks.map((chunk) => chunk.event_type)).toEqual([
        'stream-start',
        'tool-calls-generation',
        'stream-end',
      ]);
      expect(stream.chunks[1]).toEqual({
        is_finished: false,
        event_type: 'tool-calls-generation',
        tool_calls: call,
      });
      expect(stream.chunks[2]).toMatchObject({ finish_reason: 'COMPLETE', response: blocking.body });
    });

    it('answers text when no tool is named, and after tool_results', () => {
      const plain = invokeBoth(model, { message: 'Hello there', tools }).blocking.body;
      const answered = invokeBoth(model, {
        message: 'get_weather for Paris, please',
        tools,
        tool_results: [{ call: call[0], outputs: [{ text: 'sunny' }] }],
      }).blocking.body;
      expect(plain).not.toHaveProperty('tool_calls');
      expect(answered).not.toHaveProperty('tool_calls');
      expect(answered.text).not.toBe('');
    });
  });

  it.each([
    ['a missing message', { preamble: 'x' }, '#: required key [message] not found'],
    ['an extraneous key', { message: 'x', prompt: 'y' }, '#: extraneous key [prompt] is not permitted'],
    ['max_tokens above the limit', { message: 'x', max_tokens: 4001 }, 'max_tokens: 4001 > 4000'],
    ['temperature above 1', { message: 'x', temperature: 1.5 }, '#/temperature'],
    ['p of 1, above 0.99', { message: 'x', p: 1 }, '#/p: 1 is not less or equal to 0.99'],
    ['p of 0, below 0.01', { message: 'x', p: 0 }, '#/p: 0 is not greater or equal to 0.01'],
    [
      'a bad chat_history role',
      { message: 'x', chat_history: [{ role: 'BOT', message: 'y' }] },
      '#/chat_history/0/role',
    ],
    ['a non-string document field', { message: 'x', documents: [{ snippet: 5 }] }, '#/documents/0/snippet'],
  ])('rejects %s naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() =>
      new DeterministicModelBehaviour().invoke(model, body, { requestId: 'r' }),
    );
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});
