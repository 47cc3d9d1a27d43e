import { ApiError } from '../errors/api-error';

/**
 * The deepest nesting a request body may have. The deepest body API.md describes is
 * `messages[].content` (3 levels); 32 leaves room for any `metadata` a caller could mean.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether `value` nests objects or arrays deeper than `limit` levels, walked without recursion: a
 * 3 KB body of 1,500 nested arrays is valid JSON, and the recursive walks of class-transformer and
 * the validation pipe would run out of stack on it.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth });
    }
  }
  return false;
}

/** The 400 for a body nested deeper than MAX_BODY_DEPTH (a Fastify preValidation hook raises it). */
export function bodyTooDeep(): ApiError {
  return new ApiError(
    'validation_error',
    `The request body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels.`,
  );
}
