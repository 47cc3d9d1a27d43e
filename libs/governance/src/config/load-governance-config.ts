import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ZodIssue } from 'zod';
import { GovernanceConfigError, type ConfigProblem } from './governance-config.error';
import { governanceConfigSchema, type GovernanceConfig } from './governance-config.schema';

type Path = readonly (string | number)[];

/** Reads and validates the gateway config file. Throws GovernanceConfigError naming each problem's line. */
export function loadGovernanceConfig(path: string): GovernanceConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GovernanceConfigError(path, [
      { line: 0, column: 0, path: '', message: `cannot read: ${reason}` },
    ]);
  }
  return parseGovernanceConfig(text, path);
}

/** Parses YAML text into a validated config; `source` names the file in error messages. */
export function parseGovernanceConfig(text: string, source: string): GovernanceConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new GovernanceConfigError(
      source,
      document.errors.map((error) => ({
        line: error.linePos?.[0].line ?? 0,
        column: error.linePos?.[0].col ?? 0,
        path: '',
        message: error.message.split('\n')[0] ?? error.code,
      })),
    );
  }
  const result = governanceConfigSchema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  throw new GovernanceConfigError(
    source,
    result.error.issues.map((issue) => toProblem(issue, document, lineCounter)),
  );
}

function toProblem(issue: ZodIssue, document: Document, lineCounter: LineCounter): ConfigProblem {
  const path: Path =
    issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
  const offset = locate(document, path);
  const { line, col } = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
  return { line, column: col, path: formatPath(issue.path), message: issue.message };
}

/** Start offset of the deepest node that exists along `path` (a missing field points at its parent). */
function locate(document: Document, path: Path): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    const node: unknown = depth === 0 ? document.contents : document.getIn(prefix, true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function formatPath(path: Path): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}
