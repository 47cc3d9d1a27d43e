import { EmulatorError } from '../errors/emulator-error';
import { uuidOf } from '../generation/hash';
import { countTokens } from '../generation/tokenizer';
import type { InvokeOutcome } from '../models/model-behaviour.types';
import { readObject, readString, readStringArray } from '../models/schemas/body-fields';
import { hashedVector, normalize, toInt8, toPackedBits, toUint8 } from './embedding-vector';

const DIMENSIONS = 1024;
const MAX_TEXTS = 96;
const MAX_TEXT_CHARS = 2048;
/** `images` takes one data URI instead of `texts` (bedrock-wire.md §7.7). */
const MAX_IMAGES = 1;
const INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering', 'image'] as const;
const TRUNCATE_MODES = ['NONE', 'START', 'END'] as const;
const EMBEDDING_TYPES = ['float', 'int8', 'uint8', 'binary', 'ubinary'] as const;

/** Cohere Embed v3, English and multilingual (shared/docs/bedrock-wire.md §7.7). */
export class CohereEmbedV3Embedder {
  invoke(body: unknown, requestId: string): InvokeOutcome {
    const request = readObject(
      body,
      '',
      ['texts', 'images', 'input_type', 'truncate', 'embedding_types'],
      ['input_type'],
    );
    requireEnum(readString(request.input_type, 'input_type'), INPUT_TYPES, 'input_type');
    if (request.truncate !== undefined)
      requireEnum(readString(request.truncate, 'truncate'), TRUNCATE_MODES, 'truncate');
    if (request.texts === undefined && request.images === undefined) {
      throw EmulatorError.malformedInput('#: required key [texts] not found');
    }
    const texts = request.texts === undefined ? [] : readStringArray(request.texts, 'texts');
    const images = request.images === undefined ? [] : readStringArray(request.images, 'images');
    const inputs = texts.length > 0 || request.images === undefined ? texts : images;
    requireMaxItems(texts, MAX_TEXTS, 'texts');
    requireMaxItems(images, MAX_IMAGES, 'images');
    texts.forEach((text, index) => {
      if (text.length > MAX_TEXT_CHARS) {
        throw EmulatorError.malformedInput(
          `#/texts/${index}: expected maxLength: ${MAX_TEXT_CHARS}, actual: ${text.length}`,
        );
      }
    });
    const types =
      request.embedding_types === undefined
        ? undefined
        : readStringArray(request.embedding_types, 'embedding_types');
    if (types !== undefined) {
      // Each type is answered with a vector per input, so 2,000 repeats cost seconds: a set of at most five.
      requireMaxItems(types, EMBEDDING_TYPES.length, 'embedding_types');
      types.forEach((type, index) => requireEnum(type, EMBEDDING_TYPES, `embedding_types/${index}`));
      if (new Set(types).size < types.length)
        throw EmulatorError.malformedInput('#/embedding_types: array items are not unique');
    }

    const vectors = inputs.map((text) => normalize(hashedVector(text, DIMENSIONS)));
    // Without `embedding_types` the answer is a plain list of float vectors; with it, a map by type.
    const embeddings =
      types === undefined
        ? vectors
        : Object.fromEntries(types.map((type) => [type, vectors.map((vector) => quantize(vector, type))]));
    return {
      body: {
        embeddings,
        id: uuidOf(requestId),
        response_type: types === undefined ? 'embeddings_floats' : 'embeddings_by_type',
        texts,
      },
      inputTokens: texts.reduce((sum, text) => sum + countTokens(text), 0),
      outputTokens: 0,
    };
  }

  promptText(body: unknown): string {
    if (typeof body !== 'object' || body === null || !('texts' in body) || !Array.isArray(body.texts))
      return '';
    return body.texts.filter((text): text is string => typeof text === 'string').join('\n');
  }
}

function requireMaxItems(list: readonly unknown[], max: number, path: string): void {
  if (list.length > max)
    throw EmulatorError.malformedInput(
      `#/${path}: expected maximum item count: ${max}, found: ${list.length}`,
    );
}

function requireEnum(value: string, allowed: readonly string[], path: string): void {
  if (!allowed.includes(value))
    throw EmulatorError.malformedInput(`#/${path}: ${value} is not a valid enum value`);
}

function quantize(vector: number[], type: string): number[] {
  switch (type) {
    case 'int8':
      return toInt8(vector);
    case 'uint8':
      return toUint8(vector);
    case 'ubinary':
      return toPackedBits(vector);
    case 'binary':
      return toPackedBits(vector).map((byte) => byte - 128);
    default:
      return vector;
  }
}
