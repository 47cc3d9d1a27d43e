import recordedRequest from './__fixtures__/titan-embed-v2.request.json';
import recordedResponse from './__fixtures__/titan-embed-v2.response.json';
import { shapeDifferences } from '../models/testing/shape-compare';
import { at, emulatorErrorOf } from '../models/testing/spec-helpers';
import { countTokens } from '../generation/tokenizer';
import { TitanEmbedV2Embedder } from './titan-embed-v2.embedder';

const embedder = new TitanEmbedV2Embedder();

function vectorOf(body: unknown): number[] {
  return at(body, 'embedding') as number[];
}

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
}

describe('TitanEmbedV2Embedder', () => {
  it('accepts the recorded request and answers with the recorded shape', () => {
    const outcome = embedder.invoke(recordedRequest);
    expect(shapeDifferences(recordedResponse, outcome.body)).toEqual([]);
    expect(vectorOf(outcome.body)).toHaveLength(1024);
    expect(outcome.body.inputTextTokenCount).toBe(countTokens('hello world'));
    expect([outcome.inputTokens, outcome.outputTokens]).toEqual([countTokens('hello world'), 0]);
  });

  it('returns a deterministic unit vector of the requested size, and the same in embeddingsByType.float', () => {
    const body = embedder.invoke({ inputText: 'hello world', dimensions: 256 }).body;
    const vector = vectorOf(body);
    expect(vector).toHaveLength(256);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    expect(at(body, 'embeddingsByType.float')).toEqual(vector);
    expect(embedder.invoke({ inputText: 'hello world', dimensions: 256 }).body).toEqual(body);
  });

  it('places texts that share words closer than unrelated texts', () => {
    const base = vectorOf(embedder.invoke({ inputText: 'the cat sat on the mat' }).body);
    const near = vectorOf(embedder.invoke({ inputText: 'the cat sat on a rug' }).body);
    const far = vectorOf(embedder.invoke({ inputText: 'quarterly revenue forecast spreadsheet' }).body);
    expect(cosine(base, near)).toBeGreaterThan(cosine(base, far));
  });

  it('skips normalisation when normalize is false, and adds binary on request', () => {
    const raw = vectorOf(embedder.invoke({ inputText: 'hello world', normalize: false }).body);
    expect(Math.hypot(...raw)).not.toBeCloseTo(1, 3);
    const body = embedder.invoke({ inputText: 'hello world', embeddingTypes: ['binary'] }).body;
    expect(at(body, 'embeddingsByType.binary')).toEqual(vectorOf(body).map((value) => (value > 0 ? 1 : 0)));
    expect(at(body, 'embeddingsByType.float')).toEqual(vectorOf(body));
  });

  it.each([
    ['a missing inputText', { dimensions: 256 }, '#: required key [inputText] not found'],
    ['an empty inputText', { inputText: '' }, '#/inputText'],
    [
      'an unsupported dimension',
      { inputText: 'x', dimensions: 300 },
      '#/dimensions: 300 is not a valid enum value',
    ],
    ['a non-boolean normalize', { inputText: 'x', normalize: 'yes' }, '#/normalize: expected type: Boolean'],
    ['an unknown embedding type', { inputText: 'x', embeddingTypes: ['int8'] }, '#/embeddingTypes/0'],
    ['an extraneous key', { inputText: 'x', texts: ['x'] }, '#: extraneous key [texts] is not permitted'],
  ])('rejects %s naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() => embedder.invoke(body));
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});
