import { EmulatorError } from '../errors/emulator-error';
import { shownValue } from '../errors/shown-value';

/**
 * Validation failures worded as the service words them (Coral's constraint messages), e.g.
 * `1 validation error detected: Value '101' at 'retrievalConfiguration.vectorSearchConfiguration.numberOfResults'
 * failed to satisfy constraint: Member must have value less than or equal to 100`.
 */
export function constraintViolation(value: unknown, path: string, constraint: string): EmulatorError {
  const shown = shownValue(value);
  return EmulatorError.validation(
    `1 validation error detected: Value '${shown}' at '${path}' failed to satisfy constraint: Member must ${constraint}`,
  );
}

export function requiredMember(path: string): EmulatorError {
  return constraintViolation(null, path, 'not be null');
}

/** An optional string member with a length range and pattern. */
export function optionalString(
  value: unknown,
  path: string,
  rule: { min?: number; max: number; pattern?: RegExp },
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw constraintViolation(value, path, 'be a string');
  const min = rule.min ?? 0;
  // Lengths count code points, as Smithy's length constraint does (UTF-16 units overcount emoji).
  const length = value.length <= rule.max ? value.length : [...value].length;
  if (length < min || length > rule.max) {
    throw constraintViolation(value, path, `have length between ${min} and ${rule.max}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw constraintViolation(value, path, `satisfy regular expression pattern: ${rule.pattern.source}`);
  }
  return value;
}

/** An optional list of at most `maxItems` strings, each within `itemLength` ([min, max]). */
export function optionalStringList(
  value: unknown,
  path: string,
  maxItems: number,
  itemLength: { min: number; max: number },
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw constraintViolation(value, path, 'be a list');
  if (value.length > maxItems)
    throw constraintViolation(value, path, `have length less than or equal to ${maxItems}`);
  return value.map((item: unknown, index) => {
    const member = optionalString(item, `${path}.${index + 1}.member`, itemLength);
    if (member === undefined) throw requiredMember(`${path}.${index + 1}.member`);
    return member;
  });
}

/** An optional integer member within [min, max]. */
export function optionalInteger(value: unknown, path: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw constraintViolation(value, path, 'be an integer');
  if (value < min) throw constraintViolation(value, path, `have value greater than or equal to ${min}`);
  if (value > max) throw constraintViolation(value, path, `have value less than or equal to ${max}`);
  return value;
}

/** An optional structure member: undefined, or an object (anything else is a validation error). */
export function optionalObject(value: unknown, path: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw constraintViolation(value, path, 'be a structure');
  return value as Record<string, unknown>;
}
