import recordedRequest from './__fixtures__/llama3.request.json';
import recordedResponse from './__fixtures__/llama3.response.json';
import recordedStream from './__fixtures__/llama3.stream.json';
import { DeterministicModelBehaviour } from '../model-behaviour';
import { invokeBoth } from '../testing/invoke-both';
import { shapeDifferences } from '../testing/shape-compare';
import { catalogModel, emulatorErrorOf, withoutInvocationMetrics } from '../testing/spec-helpers';
import { parseLlamaPrompt } from './llama3.schema';

const model = catalogModel('llama-3-3-70b');
const [firstRecorded, lastRecorded] = recordedStream.map(withoutInvocationMetrics);

describe('llama3 schema', () => {
  it('accepts the recorded request and answers with the recorded response shape and counts', () => {
    const { blocking } = invokeBoth(model, recordedRequest);
    expect(shapeDifferences(recordedResponse, blocking.body)).toEqual([]);
    expect(blocking.body).toMatchObject({
      prompt_token_count: blocking.inputTokens,
      generation_token_count: blocking.outputTokens,
      stop_reason: 'stop',
    });
  });

  it('streams deltas with a running generation_token_count and prompt_token_count only first', () => {
    const { blocking, stream } = invokeBoth(model, recordedRequest);
    const chunks = stream.chunks;
    expect(shapeDifferences(firstRecorded, chunks[0])).toEqual([]);
    expect(shapeDifferences(lastRecorded, chunks.at(-1))).toEqual([]);
    expect(chunks.map((chunk) => chunk.generation).join('')).toBe(blocking.body.generation);
    expect(chunks[0]!.prompt_token_count).toBe(stream.inputTokens);
    expect(chunks.slice(1).every((chunk) => chunk.prompt_token_count === null)).toBe(true);
    const counts = chunks.map((chunk) => chunk.generation_token_count as number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(chunks.at(-1)).toMatchObject({
      generation: '',
      generation_token_count: stream.outputTokens,
      stop_reason: 'stop',
    });
  });

  it('says length when capped by max_gen_len', () => {
    expect(invokeBoth(model, { prompt: 'Hi', max_gen_len: 4 }).blocking.body).toMatchObject({
      stop_reason: 'length',
      generation_token_count: 4,
    });
  });

  it('reads the chat template back into system text and turns', () => {
    expect(parseLlamaPrompt(recordedRequest.prompt)).toEqual({
      system: 'You are terse.',
      turns: [{ role: 'user', text: 'What is DNS?' }],
    });
    expect(parseLlamaPrompt('What is DNS?')).toEqual({
      system: '',
      turns: [{ role: 'user', text: 'What is DNS?' }],
    });
  });

  it.each([
    ['a missing prompt', { max_gen_len: 5 }, '#: required key [prompt] not found'],
    [
      'an extraneous max_tokens',
      { prompt: 'x', max_tokens: 5 },
      '#: extraneous key [max_tokens] is not permitted',
    ],
    ['max_gen_len above 2048', { prompt: 'x', max_gen_len: 4096 }, 'max_gen_len: 4096 > 2048'],
    ['max_gen_len of 0', { prompt: 'x', max_gen_len: 0 }, '#/max_gen_len'],
    ['temperature above 1', { prompt: 'x', temperature: 1.2 }, '#/temperature'],
    ['top_p above 1', { prompt: 'x', top_p: 3 }, '#/top_p'],
    ['a non-string prompt', { prompt: 5 }, '#/prompt: expected type: String'],
  ])('rejects %s naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() =>
      new DeterministicModelBehaviour().invoke(model, body, { requestId: 'r' }),
    );
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});
