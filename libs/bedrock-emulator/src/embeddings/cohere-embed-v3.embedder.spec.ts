import recordedRequest from './__fixtures__/cohere-embed-v3.request.json';
import recordedResponse from './__fixtures__/cohere-embed-v3.response.json';
import { shapeDifferences } from '../models/testing/shape-compare';
import { at, emulatorErrorOf } from '../models/testing/spec-helpers';
import { countTokens } from '../generation/tokenizer';
import { CohereEmbedV3Embedder } from './cohere-embed-v3.embedder';

const embedder = new CohereEmbedV3Embedder();
const { embedding_types: _types, ...floatsRequest } = recordedRequest;

describe('CohereEmbedV3Embedder', () => {
  it('answers a request without embedding_types with the recorded embeddings_floats shape', () => {
    const outcome = embedder.invoke(floatsRequest, 'req-1');
    expect(shapeDifferences(recordedResponse, outcome.body)).toEqual([]);
    expect(outcome.body.response_type).toBe('embeddings_floats');
    expect(outcome.body.texts).toEqual(['hello world', 'goodbye']);
    const vectors = outcome.body.embeddings as number[][];
    expect(vectors.map((vector) => vector.length)).toEqual([1024, 1024]);
    expect(vectors.map((vector) => Math.hypot(...vector))).toEqual([
      expect.closeTo(1, 6),
      expect.closeTo(1, 6),
    ]);
    expect(outcome.inputTokens).toBe(countTokens('hello world') + countTokens('goodbye'));
    expect(outcome.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('accepts the recorded request and answers by type', () => {
    const body = embedder.invoke(recordedRequest, 'req-1').body;
    expect(body.response_type).toBe('embeddings_by_type');
    expect(at(body, 'embeddings.float')).toEqual(embedder.invoke(floatsRequest, 'req-1').body.embeddings);
  });

  it('quantises int8, uint8 and packed binary forms consistently with the float vector', () => {
    const body = embedder.invoke(
      { ...floatsRequest, embedding_types: ['float', 'int8', 'uint8', 'binary', 'ubinary'] },
      'r',
    ).body;
    const float = at(body, 'embeddings.float.0') as number[];
    const int8 = at(body, 'embeddings.int8.0') as number[];
    expect(int8.every((value, i) => value === 0 || Math.sign(value) === Math.sign(float[i]!))).toBe(true);
    expect(at(body, 'embeddings.uint8.0')).toEqual(int8.map((value) => value + 128));
    const ubinary = at(body, 'embeddings.ubinary.0') as number[];
    expect(ubinary).toHaveLength(128);
    expect(ubinary[0]! >> 7).toBe(float[0]! > 0 ? 1 : 0);
    expect(at(body, 'embeddings.binary.0')).toEqual(ubinary.map((byte) => byte - 128));
  });

  it('accepts zero texts', () => {
    expect(embedder.invoke({ texts: [], input_type: 'search_query' }, 'r').body.embeddings).toEqual([]);
  });

  it.each([
    ['a missing input_type', { texts: ['x'] }, '#: required key [input_type] not found'],
    [
      'an unknown input_type',
      { texts: ['x'], input_type: 'query' },
      '#/input_type: query is not a valid enum value',
    ],
    [
      'more than 96 texts',
      { texts: Array.from({ length: 97 }, () => 'x'), input_type: 'clustering' },
      '#/texts: expected maximum item count: 96',
    ],
    [
      'a text over 2048 characters',
      { texts: ['x'.repeat(2049)], input_type: 'clustering' },
      '#/texts/0: expected maxLength: 2048',
    ],
    ['an unknown truncate', { texts: ['x'], input_type: 'clustering', truncate: 'MIDDLE' }, '#/truncate'],
    [
      'an unknown embedding type',
      { texts: ['x'], input_type: 'clustering', embedding_types: ['half'] },
      '#/embedding_types/0',
    ],
    [
      'more than one image',
      { input_type: 'image', images: Array.from({ length: 50_000 }, () => '') },
      '#/images: expected maximum item count: 1, found: 50000',
    ],
    [
      'more embedding types than there are',
      { texts: ['x'], input_type: 'clustering', embedding_types: Array.from({ length: 2000 }, () => 'int8') },
      '#/embedding_types: expected maximum item count: 5, found: 2000',
    ],
    [
      'a repeated embedding type',
      { texts: ['x'], input_type: 'clustering', embedding_types: ['int8', 'float', 'int8'] },
      '#/embedding_types: array items are not unique',
    ],
    ['no texts at all', { input_type: 'clustering' }, '#: required key [texts] not found'],
    [
      'an extraneous key',
      { texts: ['x'], input_type: 'clustering', inputText: 'x' },
      '#: extraneous key [inputText]',
    ],
  ])('rejects %s naming the field', (_name, body, message) => {
    const error = emulatorErrorOf(() => embedder.invoke(body, 'r'));
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});
