import { EmulatorError } from '../errors/emulator-error';
import { countTokens } from '../generation/tokenizer';
import type { InvokeOutcome } from '../models/model-behaviour.types';
import { jsonTypeName, readObject, readString, readStringArray } from '../models/schemas/body-fields';
import { hashedVector, normalize } from './embedding-vector';

const DIMENSIONS = [256, 512, 1024] as const;
const EMBEDDING_TYPES = ['float', 'binary'] as const;
const MAX_INPUT_TOKENS = 8192;

/** Amazon Titan Text Embeddings V2 (shared/docs/bedrock-wire.md §7.7). */
export class TitanEmbedV2Embedder {
  invoke(body: unknown): InvokeOutcome {
    const request = readObject(
      body,
      '',
      ['inputText', 'dimensions', 'normalize', 'embeddingTypes'],
      ['inputText'],
    );
    const inputText = readString(request.inputText, 'inputText');
    if (inputText === '') throw EmulatorError.malformedInput('#/inputText: expected minLength: 1, actual: 0');
    const inputTokens = countTokens(inputText);
    if (inputTokens > MAX_INPUT_TOKENS) {
      throw EmulatorError.validation(
        `inputText: too many input tokens. Max input tokens: ${MAX_INPUT_TOKENS}, request input token count: ${inputTokens}`,
      );
    }
    const dimensions = request.dimensions ?? 1024;
    if (!DIMENSIONS.some((allowed) => allowed === dimensions)) {
      throw EmulatorError.malformedInput(
        `#/dimensions: ${JSON.stringify(dimensions)} is not a valid enum value`,
      );
    }
    if (request.normalize !== undefined && typeof request.normalize !== 'boolean') {
      throw EmulatorError.malformedInput(
        `#/normalize: expected type: Boolean, found: ${jsonTypeName(request.normalize)}`,
      );
    }
    const types =
      request.embeddingTypes === undefined
        ? ['float']
        : readStringArray(request.embeddingTypes, 'embeddingTypes');
    types.forEach((type, index) => {
      if (!EMBEDDING_TYPES.some((allowed) => allowed === type)) {
        throw EmulatorError.malformedInput(`#/embeddingTypes/${index}: ${type} is not a valid enum value`);
      }
    });

    const raw = hashedVector(inputText, Number(dimensions));
    const embedding =
      request.normalize === false ? raw.map((value) => Number(value.toFixed(9))) : normalize(raw);
    // `embeddingsByType` always holds `float`, even when only `binary` was asked for (§7.7).
    const embeddingsByType: Record<string, number[]> = { float: embedding };
    if (types.includes('binary')) embeddingsByType.binary = embedding.map((value) => (value > 0 ? 1 : 0));
    return {
      body: { embedding, inputTextTokenCount: inputTokens, embeddingsByType },
      inputTokens,
      outputTokens: 0,
    };
  }

  promptText(body: unknown): string {
    return typeof body === 'object' &&
      body !== null &&
      'inputText' in body &&
      typeof body.inputText === 'string'
      ? body.inputText
      : '';
  }
}
