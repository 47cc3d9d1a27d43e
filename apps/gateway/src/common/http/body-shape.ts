import { ApiError } from '../errors/api-error';

/**
 * The deepest nesting a request body may have. The deepest body API.md describes is
 * `messages[].content` (3 levels); 32 leaves room for any `metadata` a caller could mean.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * The most entries one object or array of a request body may have. The largest API.md describes is
 * `messages` (200 turns). Past this, class-validator makes one error per entry: 50,000 unknown fields
 * (500 KB) held the event loop for 2.4 s and were answered with a 3 MB list of errors.
 */
export const MAX_BODY_ENTRIES = 1000;

export interface BodyShapeLimits {
  depth: number;
  entries: number;
}

/**
 * Which limit `value` goes past, if any, walked without recursion: a 3 KB body of 1,500 nested arrays
 * is valid JSON, and the recursive walks of class-transformer and the validation pipe would run out of
 * stack on it.
 */
export function shapeBeyond(value: unknown, limits: BodyShapeLimits): 'depth' | 'entries' | null {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limits.depth) return 'depth';
    const children = Object.values(next.value);
    if (children.length > limits.entries) return 'entries';
    for (const child of children) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth });
    }
  }
  return null;
}

/**
 * The 400 for a body that is not a JSON object, or beyond MAX_BODY_DEPTH or MAX_BODY_ENTRIES (a Fastify
 * preValidation hook raises it). Every body API.md describes is an object: `null` and `[]` were read as
 * an empty object ("message is required"), `[{…}]` as an object with a key `0`, and scalars got Nest's
 * "body Validation failed (object is expected)".
 */
export function bodyShapeError(body: unknown): ApiError | undefined {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    return new ApiError('validation_error', 'The request body must be a JSON object.', [
      { field: 'body', issue: 'must be a JSON object' },
    ]);
  }
  switch (shapeBeyond(body, { depth: MAX_BODY_DEPTH, entries: MAX_BODY_ENTRIES })) {
    case 'depth':
      return new ApiError(
        'validation_error',
        `The request body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels.`,
      );
    case 'entries':
      return new ApiError(
        'validation_error',
        `An object or array in the request body has more than ${MAX_BODY_ENTRIES} entries.`,
      );
    case null:
      return undefined;
  }
}
