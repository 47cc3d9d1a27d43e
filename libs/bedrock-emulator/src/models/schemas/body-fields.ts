import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../../errors/emulator-error';

/**
 * Readers for native request bodies that fail the way Bedrock's JSON-schema validation does:
 * `Malformed input request: #/path: …` naming the offending field (shared/docs/bedrock-wire.md §4.3).
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
  if (typeof value === 'object') return 'JSONObject';
  return typeof value === 'string' ? 'String' : typeof value === 'boolean' ? 'Boolean' : 'Unknown';
}

function typeError(path: string, expected: string, value: unknown): EmulatorError {
  return EmulatorError.malformedInput(
    `${pointer(path)}: expected type: ${expected}, found: ${jsonTypeName(value)}`,
  );
}

function pointer(path: string): string {
  return path === '' ? '#' : `#/${path}`;
}

/** An object whose keys are not checked (content blocks, tool definitions). */
export function readLooseObject(value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw typeError(path, 'JSONObject', value);
  return value;
}

/** The body (or a nested member at `path`) as an object, with only `allowed` keys and all `required` ones. */
export function readObject(
  value: unknown,
  path: string,
  allowed: readonly string[],
  required: readonly string[] = [],
): JsonObject {
  if (!isJsonObject(value)) throw typeError(path, 'JSONObject', value);
  for (const key of required) {
    if (value[key] === undefined)
      throw EmulatorError.malformedInput(`${pointer(path)}: required key [${key}] not found`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw EmulatorError.malformedInput(`${pointer(path)}: extraneous key [${key}] is not permitted`);
    }
  }
  return value;
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw typeError(path, 'String', value);
  return value;
}

export function readArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw typeError(path, 'JSONArray', value);
  return value;
}

export function readStringArray(value: unknown, path: string): string[] {
  return readArray(value, path).map((item, index) => readString(item, `${path}/${index}`));
}

export function optionalStringArray(value: unknown, path: string): string[] {
  return value === undefined ? [] : readStringArray(value, path);
}

/** An optional number within [min, max] (temperature, top_p and the like). */
export function optionalNumberInRange(
  value: unknown,
  path: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw typeError(path, 'Number', value);
  if (value < min)
    throw EmulatorError.malformedInput(`${pointer(path)}: ${value} is not greater or equal to ${min}`);
  if (value > max)
    throw EmulatorError.malformedInput(`${pointer(path)}: ${value} is not less or equal to ${max}`);
  return value;
}

/**
 * The budget a model itself applies when a request names none: its native default where the catalog records
 * one that differs from the gateway's (`nativeDefaultMaxTokens`, e.g. Mistral Large 2402's 8192, §7.4).
 */
export function nativeDefaultMaxTokens(model: CatalogModel): number {
  return model.nativeDefaultMaxTokens ?? model.defaultMaxTokens;
}

/**
 * The output budget: an integer from 1 to the model's `maxOutputTokens`, or the model's own default when
 * absent. Above the limit Bedrock answers with a plain ValidationException naming the field.
 */
export function readMaxTokens(model: CatalogModel, value: unknown, path: string): number {
  if (value === undefined) return nativeDefaultMaxTokens(model);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(path, 'Integer', value);
  if (value < 1)
    throw EmulatorError.malformedInput(`${pointer(path)}: ${value} is not greater or equal to 1`);
  if (value > model.maxOutputTokens) {
    throw EmulatorError.validation(
      `${path}: ${value} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.modelId}`,
    );
  }
  return value;
}
