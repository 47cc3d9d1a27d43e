import type { GovernanceConfig } from './governance-config.schema';

/** Whether the config holds at least one API key (without one, auth is off). */
export function hasApiKeys(config: GovernanceConfig | undefined): boolean {
  return config?.tenants.some((tenant) => tenant.keys.length > 0) ?? false;
}

/**
 * Production never answers unauthenticated: it needs a gateway config (`configPath`, the GATEWAY_CONFIG
 * file) with at least one API key. Throws a message naming the variable otherwise.
 */
export function assertProductionKeys(
  config: GovernanceConfig | undefined,
  configPath: string | undefined,
): void {
  if (hasApiKeys(config)) return;
  throw new Error(
    configPath
      ? `GATEWAY_CONFIG: ${configPath} defines no API key; production requires keys (create one with npm run keys:create).`
      : 'GATEWAY_CONFIG is required in production: a gateway config with at least one API key (npm run keys:create).',
  );
}
