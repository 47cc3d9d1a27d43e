/**
 * A tool input generated from the tool's JSON Schema: the smallest document a client's validator is
 * likely to accept, filled the same way every time. The emulator has no model to choose arguments, so
 * it takes the first allowed value of every constraint it understands and ignores the rest.
 */

/** Nesting beyond this yields `{}` / `[]`, so a recursive schema (`$ref` loops aside) still ends. */
const MAX_DEPTH = 4;

type Schema = Record<string, unknown>;

/** Strings are taken in turn from `words` (prompt words), else the property's own name. */
export function inputFromSchema(schema: unknown, words: readonly string[]): Record<string, unknown> {
  const state = { words, used: 0 };
  const value = valueOf(asSchema(schema), 'value', 0, state);
  return isPlainObject(value) ? value : {};
}

interface FillState {
  words: readonly string[];
  used: number;
}

function valueOf(schema: Schema, name: string, depth: number, state: FillState): unknown {
  if (Object.hasOwn(schema, 'const')) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const alternative = firstAlternative(schema);
  if (alternative !== undefined) return valueOf(alternative, name, depth, state);
  switch (typeOf(schema)) {
    case 'object':
      return depth >= MAX_DEPTH ? {} : objectOf(schema, depth, state);
    case 'array':
      return depth >= MAX_DEPTH ? [] : [valueOf(asSchema(schema.items), name, depth + 1, state)];
    case 'integer':
      return Math.ceil(numberOf(schema));
    case 'number':
      return numberOf(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case undefined:
    default:
      return stringOf(name, state);
  }
}

/**
 * `required` names the properties to fill; a schema without `required` gets all of them, since an empty
 * `{}` would exercise nothing in the caller's tool.
 */
function objectOf(schema: Schema, depth: number, state: FillState): Record<string, unknown> {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const names = Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string')
    : Object.keys(properties);
  // A caller's schema may name `__proto__`, `constructor`…: only own properties are read, and
  // Object.fromEntries defines own data keys (never the `__proto__` setter), so the JSON keeps the name.
  return Object.fromEntries(
    names.map((name) => [name, valueOf(asSchema(ownMember(properties, name)), name, depth + 1, state)]),
  );
}

function ownMember(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** `minimum` when set (an exclusive one plus 1), else 1, else `maximum` when 1 is out of range. */
function numberOf(schema: Schema): number {
  if (typeof schema.minimum === 'number') return schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === 'number' && schema.maximum < 1) return schema.maximum;
  return 1;
}

function stringOf(name: string, state: FillState): string {
  const word = state.words[state.used % Math.max(state.words.length, 1)];
  state.used += 1;
  return word ?? name;
}

/** The first non-null type (`["string","null"]` is a string); no type but properties is an object. */
function typeOf(schema: Schema): string | undefined {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((candidate) => typeof candidate === 'string' && candidate !== 'null');
  if (typeof type === 'string') return type;
  if (types.includes('null')) return 'null';
  return isPlainObject(schema.properties) ? 'object' : undefined;
}

function firstAlternative(schema: Schema): Schema | undefined {
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = schema[key];
    if (Array.isArray(list) && list.length > 0) return asSchema(list[0]);
  }
  return undefined;
}

function asSchema(value: unknown): Schema {
  return isPlainObject(value) ? value : {};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
