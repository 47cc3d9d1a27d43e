/**
 * Compares the *shape* of a JSON value with a recorded one: the same keys and the same JSON value types
 * at every path, ignoring the values themselves. Used by specs to hold rendered bodies and chunks to
 * the payloads recorded from real Bedrock.
 */
export interface ShapeOptions {
  /** Keys ignored on both sides (e.g. the `p` padding, or invocation metrics the transport adds). */
  ignoreKeys?: readonly string[];
}

export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Every difference, as `path: message`; empty when the shapes agree. Arrays: each actual element must
 * match the shape of at least one recorded element (a recorded `[text, tool_use]` admits `[text]`).
 */
export function shapeDifferences(
  recorded: unknown,
  actual: unknown,
  options: ShapeOptions = {},
  path = '$',
): string[] {
  const kind = jsonKind(recorded);
  if (kind !== jsonKind(actual)) return [`${path}: expected ${kind}, got ${jsonKind(actual)}`];
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    return actual.flatMap((element, index) => {
      const tries = recorded.map((template) =>
        shapeDifferences(template, element, options, `${path}[${index}]`),
      );
      if (tries.length === 0) return [`${path}[${index}]: no recorded element to compare with`];
      return tries.some((differences) => differences.length === 0) ? [] : (tries[0] ?? []);
    });
  }
  if (kind !== 'object') return [];
  const ignored = new Set(options.ignoreKeys ?? []);
  const expected = recorded as Record<string, unknown>;
  const got = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(expected), ...Object.keys(got)].filter((key) => !ignored.has(key)));
  return [...keys].flatMap((key) => {
    if (!(key in got)) return [`${path}.${key}: missing`];
    if (!(key in expected)) return [`${path}.${key}: not in the recorded payload`];
    return shapeDifferences(expected[key], got[key], options, `${path}.${key}`);
  });
}
