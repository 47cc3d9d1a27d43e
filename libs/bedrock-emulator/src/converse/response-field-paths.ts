import { constraintError, readPatternString, requireArray } from './converse-validation';

const FIELD = 'additionalModelResponseFieldPaths';
/** The API reference's limits: at most 10 paths of 1–256 characters. */
const MAX_PATHS = 10;
const MAX_PATH_LENGTH = 256;
/** A JSON pointer (RFC 6901) that is not empty: `/`, then tokens in which `~` only escapes (`~0`, `~1`). */
const JSON_POINTER = '/([^~]|~[01])*';
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** `additionalModelResponseFieldPaths` (bedrock-wire.md §3.1): Converse refuses an empty or malformed pointer. */
export function readResponseFieldPaths(value: unknown): string[] {
  if (value === undefined) return [];
  const paths = requireArray(value, FIELD);
  if (paths.length > MAX_PATHS) {
    throw constraintError(FIELD, paths, `Member must have length less than or equal to ${MAX_PATHS}`);
  }
  return paths.map((path, index) => {
    const field = `${FIELD}.${index}.member`;
    const pointer = readPatternString(path, field, JSON_POINTER, MAX_PATH_LENGTH);
    if (pointer === undefined) throw constraintError(field, path, 'Member must not be null');
    return pointer;
  });
}

/**
 * `additionalModelResponseFields`: each pointer resolved in the model's native answer, in the first of
 * `documents` that has it, and put back at the same place (`/delta/stop_sequence` → `{delta: {stop_sequence}}`,
 * nulls kept, as a captured ConverseStream shows in vercel/ai's fixtures). A pointer found nowhere is ignored, as
 * the API reference says; undefined when none was found, so the member is left out.
 */
export function pickResponseFields(
  paths: readonly string[],
  documents: readonly unknown[],
): Record<string, unknown> | undefined {
  const picked: Record<string, unknown> = {};
  let found = false;
  for (const tokens of paths.map(referenceTokens)) {
    for (const document of documents) {
      const hit = resolve(document, tokens);
      if (hit.found) {
        placeAt(picked, tokens, hit.value);
        found = true;
        break;
      }
    }
  }
  return found ? picked : undefined;
}

function referenceTokens(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function resolve(document: unknown, tokens: readonly string[]): { found: boolean; value?: unknown } {
  let current = document;
  for (const token of tokens) {
    if (typeof current !== 'object' || current === null) return { found: false };
    if (Array.isArray(current) ? !ARRAY_INDEX.test(token) : !Object.hasOwn(current, token)) {
      return { found: false };
    }
    current = (current as Record<string, unknown>)[token];
    if (current === undefined) return { found: false };
  }
  return { found: true, value: current };
}

/**
 * Writes `value` at `tokens` in `target`. A tool input generated from the caller's schema can have an own
 * `__proto__` key, so a pointer may name it: walking with `node[token]` would step into Object.prototype
 * and assigning would pollute every object in the process. Only own properties are walked, and every
 * member is defined as an own data property, so `__proto__` stays an ordinary key in the JSON answer.
 */
function placeAt(target: Record<string, unknown>, tokens: readonly string[], value: unknown): void {
  let node = target;
  for (const token of tokens.slice(0, -1)) {
    const next = Object.hasOwn(node, token) ? node[token] : undefined;
    if (typeof next === 'object' && next !== null) {
      node = next as Record<string, unknown>;
    } else {
      const child: Record<string, unknown> = {};
      defineMember(node, token, child);
      node = child;
    }
  }
  defineMember(node, tokens.at(-1) ?? '', value);
}

function defineMember(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}
