import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string | number | boolean>;
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string; interval?: string };
  stop_grace_period?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(): ComposeFile {
  return parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8')) as ComposeFile;
}

/**
 * Compose's `${NAME:-default}` interpolation with the defaults, as `docker compose config` would do
 * without an environment.
 */
export function interpolateDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
}

export interface DockerInstruction {
  keyword: string;
  args: string;
  /** Index of the FROM stage the instruction belongs to (0-based; -1 before the first FROM). */
  stage: number;
}

/** Dockerfile instructions: comments dropped, `\` continuations joined, each tagged with its stage. */
export function readDockerfile(): DockerInstruction[] {
  const text = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  let stage = -1;
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { keyword: keyword.toUpperCase(), args: rest.join(' '), stage };
  });
}
