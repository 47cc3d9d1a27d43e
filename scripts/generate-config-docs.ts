/**
 * Renders the gateway's configuration reference from its zod schema (ENV_SCHEMA: every variable, its
 * default, what it accepts and its `.describe()` text) into the README between `<!-- config:start -->`
 * and `<!-- config:end -->`. `--check` writes nothing and exits 1 when the README has drifted.
 *
 *   node -r @swc-node/register scripts/generate-config-docs.ts [--check]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ENV_SCHEMA } from '../apps/gateway/src/config/env.schema';
import { readSection, writeSection } from './readme-section';

export const README_PATH = resolve(__dirname, '..', 'README.md');
export const REGENERATE_COMMAND = 'npm run docs:config';

interface VariableDoc {
  name: string;
  defaultValue: string;
  accepts: string;
  meaning: string;
}

/** Peels defaults, optionals and transforms off a field, keeping what a reader needs from each. */
function documentField(name: string, field: z.ZodTypeAny): VariableDoc {
  let current: z.ZodTypeAny = field;
  let defaultValue: unknown;
  for (;;) {
    if (current instanceof z.ZodDefault) {
      defaultValue = (current._def as z.ZodDefaultDef).defaultValue();
      current = (current._def as z.ZodDefaultDef).innerType;
    } else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodTypeAny;
    } else if (current instanceof z.ZodEffects) {
      current = current.innerType() as z.ZodTypeAny;
    } else {
      break;
    }
  }
  return {
    name,
    defaultValue: renderDefault(defaultValue),
    accepts: acceptedValues(current),
    meaning: field.description ?? '',
  };
}

function renderDefault(value: unknown): string {
  if (value === undefined) return 'unset';
  if (value === '') return 'empty';
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

function acceptedValues(schema: z.ZodTypeAny): string {
  if (schema instanceof z.ZodEnum) {
    return (schema.options as string[]).map((option) => `\`${option}\``).join(', ');
  }
  if (schema instanceof z.ZodNumber) {
    const checks = schema._def.checks;
    const integer = checks.some((check) => check.kind === 'int');
    const min = checks.find((check) => check.kind === 'min');
    const max = checks.find((check) => check.kind === 'max');
    const range = min && max && 'value' in min && 'value' in max ? ` ${min.value}–${max.value}` : '';
    return `${integer ? 'integer' : 'number'}${range}`;
  }
  if (schema instanceof z.ZodString) {
    return schema._def.checks.some((check) => check.kind === 'url') ? 'URL' : 'string';
  }
  return schema.constructor.name.replace(/^Zod/, '').toLowerCase();
}

/** Markdown table cells: no raw pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** The configuration reference as markdown, one row per variable in schema order. */
export function renderConfigReference(schema: z.AnyZodObject = ENV_SCHEMA): string {
  const rows = Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, field]) =>
    documentField(name, field),
  );
  return [
    `Generated from \`apps/gateway/src/config/env.schema.ts\` by \`${REGENERATE_COMMAND}\`; do not edit by hand.`,
    'Variables are read once at boot; an invalid value stops the boot with a message naming it. An empty (or',
    'blank) value counts as unset; integers are decimal digits.',
    '',
    '| variable | default | accepts | meaning |',
    '|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| \`${row.name}\` | ${cell(row.defaultValue)} | ${cell(row.accepts)} | ${cell(row.meaning)} |`,
    ),
  ].join('\n');
}

/** The reference currently in the README. */
export function readmeConfigReference(path = README_PATH): string {
  return readSection(readFileSync(path, 'utf8'), 'config');
}

function main(argv: string[]): number {
  const expected = renderConfigReference();
  if (argv.includes('--check')) {
    if (readmeConfigReference() === expected) return 0;
    process.stderr.write(`README configuration reference is out of date: run \`${REGENERATE_COMMAND}\`\n`);
    return 1;
  }
  const changed = writeSection(README_PATH, 'config', expected);
  process.stdout.write(
    changed
      ? 'README configuration reference updated\n'
      : 'README configuration reference already up to date\n',
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
