import { z } from 'zod';
import { AWS_REGION_MESSAGE, AWS_REGION_NAME } from '../../config/aws-region';
import { ConfigError } from '../../config/config-error';

/** One configured knowledge base: the alias callers use and the Bedrock id behind it. */
export interface KnowledgeBaseConfig {
  alias: string;
  id: string;
  description: string;
  region: string;
  minScore: number;
  /** When true, a question with no passage above `minScore` is refused (404 `no_context`). */
  strict: boolean;
}

const ENTRY = z
  .object({
    alias: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    id: z.string().regex(/^[0-9a-zA-Z]{10}$/),
    description: z.string().max(500).default(''),
    region: z.string().regex(AWS_REGION_NAME, AWS_REGION_MESSAGE).optional(),
    min_score: z.number().min(0).max(1).optional(),
    strict: z.boolean().default(false),
  })
  .strict();

/** The emulator's sample knowledge base, configured out of the box in local mode. */
export const SAMPLE_KNOWLEDGE_BASE = {
  alias: 'general',
  id: 'KBGENERAL1',
  description: 'Sample knowledge base of the local emulator: policies and runbooks of a fictional company.',
};

/** The entry named by its alias or its knowledge-base id. */
export function findKnowledgeBase(
  entries: readonly KnowledgeBaseConfig[],
  aliasOrId: string,
): KnowledgeBaseConfig | undefined {
  return entries.find((entry) => entry.alias === aliasOrId || entry.id === aliasOrId);
}

/** Parses `KNOWLEDGE_BASES`; errors name the variable and the entry. */
export function parseKnowledgeBases(
  json: string | undefined,
  defaults: { region: string; minScore: number; local: boolean },
): KnowledgeBaseConfig[] {
  const raw: unknown = json === undefined ? (defaults.local ? [SAMPLE_KNOWLEDGE_BASE] : []) : parseJson(json);
  const parsed = z.array(ENTRY).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`KNOWLEDGE_BASES: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const aliases = new Set<string>();
  return parsed.data.map((entry) => {
    if (aliases.has(entry.alias)) throw new ConfigError(`KNOWLEDGE_BASES: duplicate alias "${entry.alias}"`);
    aliases.add(entry.alias);
    return {
      alias: entry.alias,
      id: entry.id,
      description: entry.description,
      region: entry.region ?? defaults.region,
      minScore: entry.min_score ?? defaults.minScore,
      strict: entry.strict,
    };
  });
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new ConfigError('KNOWLEDGE_BASES: not valid JSON');
  }
}
