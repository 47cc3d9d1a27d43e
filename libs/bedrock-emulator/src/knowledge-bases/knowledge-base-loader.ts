import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { isRecord, parseSidecar, splitFrontMatter } from './document-metadata';
import type {
  KnowledgeBaseDefinition,
  KnowledgeBaseDocument,
  LoadedKnowledgeBase,
} from './knowledge-base.model';

const DOCUMENT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
const ID_PATTERN = /^[0-9a-zA-Z]{10}$/;

/** Every knowledge base in `dir`: one per subfolder, in name order. */
export function loadKnowledgeBasesIn(dir: string): LoadedKnowledgeBase[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`Knowledge-base directory not found: ${dir}`);
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => loadKnowledgeBase(join(dir, name)));
}

/**
 * One knowledge base: `kb.json` (optional) plus every `.md`/`.markdown`/`.txt` file below the folder, in path
 * order. A document's metadata is its front matter merged with its `<file>.metadata.json` sidecar (sidecar wins).
 */
export function loadKnowledgeBase(dir: string): LoadedKnowledgeBase {
  const definition = readDefinition(dir);
  const documents = listFiles(dir)
    .filter((file) => DOCUMENT_EXTENSIONS.has(extname(file).toLowerCase()))
    .map((file) => readDocument(dir, file));
  return { definition, dir, documents };
}

function readDefinition(dir: string): KnowledgeBaseDefinition {
  const folder = basename(dir);
  const file = join(dir, 'kb.json');
  const raw = existsSync(file) ? readJson(file) : {};
  if (!isRecord(raw)) throw new Error(`${file} must hold a JSON object`);
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value !== undefined && typeof value !== 'string')
      throw new Error(`${file}: "${key}" must be a string`);
    return value;
  };
  const id = text('id') ?? derivedId('KB', folder);
  const dataSourceId = text('dataSourceId') ?? derivedId('DS', id);
  for (const [key, value] of [
    ['id', id],
    ['dataSourceId', dataSourceId],
  ] as const) {
    if (!ID_PATTERN.test(value))
      throw new Error(`${file}: "${key}" must be 10 letters or digits, got "${value}"`);
  }
  const name = text('name') ?? folder;
  const bucket = text('bucket') ?? `bedrock-local-kb-${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
  return { id, name, description: text('description') ?? '', dataSourceId, bucket };
}

/** A stable 10-character id for a folder without one: prefix + 8 upper-case base-36 characters of a hash. */
function derivedId(prefix: string, seed: string): string {
  const hash = BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`);
  return (prefix + hash.toString(36).toUpperCase().padStart(8, '0')).slice(0, 10);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function readDocument(dir: string, file: string): KnowledgeBaseDocument {
  const source = readText(file);
  const { body, metadata } = naming(file, () => splitFrontMatter(source));
  const sidecar = `${file}.metadata.json`;
  const sidecarJson = existsSync(sidecar) ? readJson(sidecar) : undefined;
  const sidecarMetadata = sidecarJson === undefined ? {} : naming(sidecar, () => parseSidecar(sidecarJson));
  const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  const title =
    typeof metadata.title === 'string' ? metadata.title : (heading ?? basename(file, extname(file)));
  return {
    path: relative(dir, file).split(sep).join('/'),
    title,
    text: body.trim(),
    metadata: { ...metadata, ...sidecarMetadata },
  };
}

/** A JSON file's value; invalid JSON is one message naming the file (a folder may hold hundreds). */
function readJson(file: string): unknown {
  const text = readText(file);
  return naming(file, () => JSON.parse(text) as unknown, 'not valid JSON: ');
}

/**
 * A file's UTF-8 text without a leading byte order mark (U+FEFF), which Windows editors write and Node
 * keeps: it hid a document's front matter (read as text, its metadata lost) and made JSON unparseable.
 */
function readText(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Runs `parse`; its error comes back as one message starting with the file's path. */
function naming<T>(file: string, parse: () => T, what = ''): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: ${what}${message}`, { cause: error });
  }
}
