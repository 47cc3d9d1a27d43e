import { ConfigError } from './config-error';
import type { ArnHint, ModelFamily } from '@app/bedrock';
import type { Env } from './env.schema';

const FAMILIES: readonly ModelFamily[] = ['anthropic', 'titan', 'llama', 'mistral', 'cohere'];

/** The gateway's validated, typed configuration. Provided under the `GatewayConfig` class token. */
export class GatewayConfig {
  constructor(
    readonly env: Env,
    readonly backend: 'local' | 'aws',
    /** region → endpoint URL, for every Bedrock client (from BEDROCK_REGION_ENDPOINTS). */
    readonly regionEndpoints: Record<string, string>,
    readonly arnHints: Record<string, ArnHint>,
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
  return new GatewayConfig(
    env,
    env.BEDROCK_BACKEND ?? 'local',
    parseRegionEndpoints(env.BEDROCK_REGION_ENDPOINTS),
    parseArnHints(env.BEDROCK_ARN_HINTS),
  );
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
