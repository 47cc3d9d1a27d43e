import { EmulatorError } from '../errors/emulator-error';
import { shownValue } from '../errors/shown-value';
import { wholeMatch } from '../guardrails/guardrail-formats';

/**
 * Converse is a modelled (Smithy) operation, so its errors read like AWS's own constraint messages,
 * naming the member with dots: `1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' …`.
 */
export function constraintError(field: string, value: unknown, constraint: string): EmulatorError {
  const shown = value === undefined || value === null ? 'null' : `'${shownValue(value)}'`;
  return EmulatorError.validation(
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

export function readNumberInRange(
  value: unknown,
  field: string,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw constraintError(field, value, `Member must be ${integer ? 'an integer' : 'a number'}`);
  }
  if (value < min)
    throw constraintError(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraintError(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) throw constraintError(field, value, 'Member must not be null');
  if (!Array.isArray(value)) throw constraintError(field, value, 'Member must be a list');
  return value;
}

export function requireStructure(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw constraintError(field, value, 'Member must be a structure');
  }
  return value as Record<string, unknown>;
}

/** A union member (ContentBlock, SystemContentBlock) has exactly one key set. */
export function unionMember(value: unknown, field: string): [string, unknown] {
  const entries = Object.entries(requireStructure(value, field)).filter(([, member]) => member !== undefined);
  const first = entries[0];
  if (entries.length !== 1 || first === undefined) {
    throw constraintError(field, value, 'Member must have exactly one union member set');
  }
  return first;
}

/** An enum member; absent is fine unless `required`. */
export function readEnum(
  value: unknown,
  field: string,
  allowed: readonly string[],
  required = false,
): string | undefined {
  if (value === undefined) {
    if (required) throw constraintError(field, value, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw constraintError(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value;
}

/** An optional string member matching `pattern` (the API reference's), of at most `maxLength` characters. */
export function readPatternString(
  value: unknown,
  field: string,
  pattern: string,
  maxLength = Number.POSITIVE_INFINITY,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw constraintError(field, value, 'Member must be a string');
  if ([...value].length > maxLength) {
    throw constraintError(field, value, `Member must have length less than or equal to ${maxLength}`);
  }
  if (!wholeMatchOf(pattern).test(value)) {
    throw constraintError(field, value, `Member must satisfy regular expression pattern: ${pattern}`);
  }
  return value;
}

const compiledPatterns = new Map<string, RegExp>();

/** A pattern of the API reference as a whole-value RegExp, compiled once. */
function wholeMatchOf(pattern: string): RegExp {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    compiled = wholeMatch(pattern);
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}
