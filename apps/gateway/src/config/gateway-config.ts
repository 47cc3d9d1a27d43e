import { ConfigError } from './config-error';
import { type ArnHint, ModelCatalog, type ModelFamily } from '@app/bedrock';
import { type GovernanceConfig, assertProductionKeys, loadGovernanceConfig } from '@app/governance';
import type { Env } from './env.schema';
import {
  type KnowledgeBaseConfig,
  findKnowledgeBase,
  parseKnowledgeBases,
} from '../common/knowledge-bases/knowledge-base-config';

const FAMILIES: readonly ModelFamily[] = ['anthropic', 'titan', 'llama', 'mistral', 'cohere'];

/** The gateway's validated, typed configuration. Provided under the `GatewayConfig` class token. */
export class GatewayConfig {
  constructor(
    readonly env: Env,
    readonly backend: 'local' | 'aws',
    /** region → endpoint URL, for every Bedrock client (from BEDROCK_REGION_ENDPOINTS). */
    readonly regionEndpoints: Record<string, string>,
    readonly arnHints: Record<string, ArnHint>,
    /** From KNOWLEDGE_BASES (the emulator's sample on the local backend), and the default among them. */
    readonly knowledgeBases: {
      entries: readonly KnowledgeBaseConfig[];
      default: KnowledgeBaseConfig | undefined;
    },
    /** The file named by GATEWAY_CONFIG, read and validated once; undefined without one. */
    readonly governance: GovernanceConfig | undefined,
  ) {}

  get production(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get regions(): string[] {
    return [
      this.env.AWS_REGION,
      ...this.env.BEDROCK_FAILOVER_REGIONS.filter((r) => r !== this.env.AWS_REGION),
    ];
  }
}

export function toGatewayConfig(env: Env): GatewayConfig {
  const backend = env.BEDROCK_BACKEND ?? 'local';
  const arnHints = parseArnHints(env.BEDROCK_ARN_HINTS);
  checkDefaultModel(env, arnHints);
  return new GatewayConfig(
    env,
    backend,
    parseRegionEndpoints(env.BEDROCK_REGION_ENDPOINTS),
    arnHints,
    knowledgeBasesOf(env, backend),
    readGovernanceFile(env.GATEWAY_CONFIG, env.NODE_ENV === 'production'),
  );
}

/**
 * The GATEWAY_CONFIG file (tenants, keys), read and validated, at boot and on reload; production needs at
 * least one key (it never answers unauthenticated).
 */
export function readGovernanceFile(
  path: string | undefined,
  production: boolean,
): GovernanceConfig | undefined {
  const governance = path === undefined ? undefined : loadGovernanceConfig(path);
  if (production) assertProductionKeys(governance, path);
  return governance;
}

function knowledgeBasesOf(env: Env, backend: 'local' | 'aws'): GatewayConfig['knowledgeBases'] {
  const entries = parseKnowledgeBases(env.KNOWLEDGE_BASES, {
    region: env.AWS_REGION,
    minScore: env.RAG_MIN_SCORE,
    local: backend === 'local',
  });
  const named = env.DEFAULT_KNOWLEDGE_BASE;
  if (!named) return { entries, default: entries[0] };
  const found = findKnowledgeBase(entries, named);
  if (!found)
    throw new ConfigError(
      `DEFAULT_KNOWLEDGE_BASE: "${named}" is not in KNOWLEDGE_BASES (aliases: ${entries.map((e) => e.alias).join(', ') || 'none'})`,
    );
  return { entries, default: found };
}

/** A bad DEFAULT_MODEL would otherwise show only as a 404 on the model list and on chats naming none. */
function checkDefaultModel(env: Env, arnHints: Record<string, ArnHint>): void {
  const reference = env.DEFAULT_MODEL;
  if (reference === undefined) return;
  const catalog = new ModelCatalog();
  const model = catalog.resolve(reference, { region: env.AWS_REGION, arnHints });
  if (!model)
    throw new ConfigError(
      `DEFAULT_MODEL: "${reference}" is not a known model (an alias, model id, inference-profile id or ARN; aliases: ${catalog.aliases().join(', ')})`,
    );
  if (model.catalog?.kind === 'embedding')
    throw new ConfigError(`DEFAULT_MODEL: "${reference}" is an embedding model; chat needs a text model`);
}

function parseRegionEndpoints(value: string): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const pair of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [region, endpoint] = pair.split('=', 2).map((item) => item.trim());
    if (!region || !endpoint || !/^https?:\/\//.test(endpoint)) {
      throw new ConfigError(`BEDROCK_REGION_ENDPOINTS: expected region=url pairs, got "${pair}"`);
    }
    endpoints[region] = endpoint;
  }
  return endpoints;
}

function parseArnHints(value: string): Record<string, ArnHint> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigError('BEDROCK_ARN_HINTS: not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      'BEDROCK_ARN_HINTS: expected a JSON object of ARN → { family, schema?, baseModelId? }',
    );
  }
  const hints: Record<string, ArnHint> = {};
  for (const [arn, hint] of Object.entries(parsed as Record<string, unknown>)) {
    const family = (hint as { family?: unknown } | null)?.family;
    if (typeof hint !== 'object' || hint === null || !FAMILIES.includes(family as ModelFamily)) {
      throw new ConfigError(`BEDROCK_ARN_HINTS: "${arn}" needs a "family", one of ${FAMILIES.join(', ')}`);
    }
    hints[arn] = hint as ArnHint;
  }
  return hints;
}
