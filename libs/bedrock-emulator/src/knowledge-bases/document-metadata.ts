import { YAMLError, parse as parseYaml } from 'yaml';
import type { DocumentMetadata, MetadataValue } from './knowledge-base.model';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits YAML front matter (`---` … `---` at the top) from the body; the front matter's scalars become metadata. */
export function splitFrontMatter(source: string): { body: string; metadata: DocumentMetadata } {
  const match = FRONT_MATTER.exec(source);
  if (!match) return { body: source, metadata: {} };
  return { body: source.slice(match[0].length), metadata: toMetadata(parseFrontMatter(match[1] ?? '')) };
}

/**
 * The front matter's YAML; an error says where, counted in the document's lines (the front matter starts on
 * line 2), in one line: the parser's own message spans several, with a code frame.
 */
function parseFrontMatter(yaml: string): unknown {
  try {
    return parseYaml(yaml);
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const at = error.linePos?.[0];
    const where = at ? ` at line ${at.line + 1}, column ${at.col}` : '';
    throw new Error(`invalid YAML front matter${where}: ${reason}`);
  }
}

/**
 * Reads a Bedrock metadata sidecar (`<doc>.metadata.json`): `{"metadataAttributes": {...}}` where each value is
 * either plain (`"year": 2024`) or typed (`{"value": {"type": "NUMBER", "numberValue": 2024}, ...}`).
 * See https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base-ds.html (metadata files).
 */
export function parseSidecar(json: unknown): DocumentMetadata {
  const attributes = isRecord(json) ? json.metadataAttributes : undefined;
  // Bedrock does not read other shapes; dropping them silently left a plain `{"team": "hr"}` unexplained.
  if (!isRecord(attributes))
    throw new Error('not a Bedrock metadata file: expected {"metadataAttributes": {…}}');
  return toMetadata(
    Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, unwrapTyped(value)])),
  );
}

function unwrapTyped(value: unknown): unknown {
  if (!isRecord(value) || !isRecord(value.value)) return value;
  const typed = value.value;
  return typed.stringValue ?? typed.numberValue ?? typed.booleanValue ?? typed.stringListValue;
}

/**
 * Keeps the values Bedrock metadata can hold; drops nested objects and mixed lists. Built with
 * `Object.fromEntries`, so a key named `__proto__` stays an own key like any other (an assignment would
 * change the object's prototype instead).
 */
function toMetadata(input: unknown): DocumentMetadata {
  if (!isRecord(input)) return {};
  const kept: [string, MetadataValue][] = [];
  for (const [key, value] of Object.entries(input)) {
    const converted = toMetadataValue(value);
    if (converted !== undefined) kept.push([key, converted]);
  }
  return Object.fromEntries(kept);
}

function toMetadataValue(value: unknown): MetadataValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.map(String);
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
