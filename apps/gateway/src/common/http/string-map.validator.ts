import { ValidationOptions, length, registerDecorator } from 'class-validator';

/**
 * An object of string → string with at most `maxKeys` keys (API.md `metadata`); keys starting with
 * `reservedPrefix` are the gateway's own and refused. Lengths count characters (code points), as
 * `@Length` does for every other field: an emoji is one, not two.
 */
export function IsStringMap(
  maxKeys: number,
  reservedPrefix: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `must be an object of at most ${maxKeys} string values (keys 1..64 chars, not starting with "${reservedPrefix}", values up to 1024; no NUL characters)`,
        ...options,
      },
      validator: { validate: (value: unknown) => isStringMap(value, maxKeys, reservedPrefix) },
    });
}

/** The rule of `@IsStringMap`, for a value read before validation (the policy chain's). */
export function isStringMap(
  value: unknown,
  maxKeys: number,
  reservedPrefix: string,
): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= maxKeys &&
    entries.every(
      ([key, item]) =>
        length(key, 1, 64) &&
        !key.startsWith(reservedPrefix) &&
        !key.includes('\u0000') &&
        typeof item === 'string' &&
        length(item, 0, 1024) &&
        !item.includes('\u0000'),
    )
  );
}
