import recordedRequest from './__fixtures__/titan-text.request.json';
import recordedResponse from './__fixtures__/titan-text.response.json';
import recordedStream from './__fixtures__/titan-text.stream.json';
import { DeterministicModelBehaviour } from '../model-behaviour';
import { invokeBoth } from '../testing/invoke-both';
import { shapeDifferences } from '../testing/shape-compare';
import { at, catalogModel, emulatorErrorOf, withoutInvocationMetrics } from '../testing/spec-helpers';
import { titanTurns } from './titan-text.schema';

const model = catalogModel('amazon-titan');
const lastRecordedChunk = withoutInvocationMetrics(recordedStream[0]!);

describe('titan-text schema', () => {
  it('accepts the recorded request and answers with the recorded response shape', () => {
    const { blocking } = invokeBoth(model, recordedRequest);
    expect(shapeDifferences(recordedResponse, blocking.body)).toEqual([]);
    expect(at(blocking.body, 'results.0.completionReason')).toBe('FINISH');
    expect(blocking.body.inputTextTokenCount).toBe(blocking.inputTokens);
    expect(at(blocking.body, 'results.0.tokenCount')).toBe(blocking.outputTokens);
  });

  it('streams few large chunks: input count only first, running output count, reason only last', () => {
    const { blocking, stream } = invokeBoth(model, {
      inputText: 'Tell me a long story about rivers and mountains.',
    });
    expect(stream.chunks.length).toBeGreaterThan(1);
    const last = stream.chunks.at(-1)!;
    // §7.2: chunks after the first carry `inputTextTokenCount: null`.
    expect(shapeDifferences({ ...lastRecordedChunk, inputTextTokenCount: null }, last)).toEqual([]);
    expect(stream.chunks.map((chunk) => chunk.outputText).join('')).toBe(
      at(blocking.body, 'results.0.outputText'),
    );
    expect(stream.chunks[0]!.inputTextTokenCount).toBe(stream.inputTokens);
    expect(stream.chunks.slice(1).every((chunk) => chunk.inputTextTokenCount === null)).toBe(true);
    expect(stream.chunks.slice(0, -1).every((chunk) => chunk.completionReason === null)).toBe(true);
    expect(last).toMatchObject({
      completionReason: 'FINISH',
      totalOutputTextTokenCount: stream.outputTokens,
    });
  });

  it('sends a short answer as one chunk shaped like the recorded one', () => {
    const { stream } = invokeBoth(model, recordedRequest, 'Hello! How can I help you today?');
    expect(stream.chunks).toHaveLength(1);
    expect(shapeDifferences(lastRecordedChunk, stream.chunks[0])).toEqual([]);
  });

  it('says LENGTH when capped by maxTokenCount', () => {
    const body = invokeBoth(model, { inputText: 'Hi', textGenerationConfig: { maxTokenCount: 2 } }).blocking
      .body;
    expect(at(body, 'results.0')).toMatchObject({ completionReason: 'LENGTH', tokenCount: 2 });
  });

  it('cuts at a stop sequence', () => {
    const request = { inputText: 'Hi', textGenerationConfig: { stopSequences: ['User:'] } };
    const body = invokeBoth(model, request, 'Sure.\nUser: more').blocking.body;
    expect(at(body, 'results.0.outputText')).toBe('Sure.\n');
  });

  it.each([
    [
      'a stop sequence other than User: or pipes',
      ['END'],
      '#/textGenerationConfig/stopSequences/0: string [END] does not match pattern ^(\\|+|User:)$',
    ],
    [
      'more than one stop sequence',
      ['User:', '|'],
      '#/textGenerationConfig/stopSequences: expected maximum item count: 1, found: 2',
    ],
  ])('refuses %s, as Bedrock does for Titan', (_name, stopSequences, message) => {
    const request = { inputText: 'Hi', textGenerationConfig: { stopSequences } };
    const error = emulatorErrorOf(() =>
      new DeterministicModelBehaviour().invoke(model, request, { requestId: 'r' }),
    );
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('takes pipes as a stop sequence', () => {
    const request = { inputText: 'Hi', textGenerationConfig: { stopSequences: ['||'] } };
    expect(invokeBoth(model, request).blocking.body).toHaveProperty('results');
  });

  it('reads User:/Bot: labels as turns, keeping text before the first label with the first question', () => {
    expect(titanTurns('User: Hi\nBot: Hello\nUser: Explain DNS.\nBot:')).toEqual([
      { role: 'user', text: 'Hi' },
      { role: 'assistant', text: 'Hello' },
      { role: 'user', text: 'Explain DNS.' },
    ]);
    expect(titanTurns('Context here.\nUser: Why?\nBot:')).toEqual([
      { role: 'user', text: 'Context here.\nWhy?' },
    ]);
    expect(titanTurns('Plain prompt')).toEqual([{ role: 'user', text: 'Plain prompt' }]);
  });

  it.each([
    ['a missing inputText', { textGenerationConfig: {} }, '#: required key [inputText] not found'],
    [
      'an extraneous key',
      { inputText: 'x', max_tokens: 5 },
      '#: extraneous key [max_tokens] is not permitted',
    ],
    [
      'an unknown config key',
      { inputText: 'x', textGenerationConfig: { topK: 1 } },
      '#/textGenerationConfig: extraneous key [topK]',
    ],
    [
      'maxTokenCount above the limit',
      { inputText: 'x', textGenerationConfig: { maxTokenCount: 9000 } },
      'textGenerationConfig/maxTokenCount: 9000 > 8192',
    ],
    [
      'temperature above 1',
      { inputText: 'x', textGenerationConfig: { temperature: 2 } },
      '#/textGenerationConfig/temperature',
    ],
    ['topP below 0', { inputText: 'x', textGenerationConfig: { topP: -1 } }, '#/textGenerationConfig/topP'],
  ])('rejects %s naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() =>
      new DeterministicModelBehaviour().invoke(model, body, { requestId: 'r' }),
    );
    expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
    expect(error.message).toContain(message);
  });
});
