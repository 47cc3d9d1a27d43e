import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

/** How the gateway runs: the webpack build (`npm run build`) when present, else the sources under swc. */
export type GatewayRuntime = 'dist' | 'source';

export const GATEWAY_DIST = join(ROOT, 'dist/apps/gateway/main.js');
const EMULATOR_DIST = join(ROOT, 'dist/apps/bedrock-local/main.js');

export function pickRuntime(requested: string): GatewayRuntime {
  if (requested === 'dist' || requested === 'source') return requested;
  return existsSync(GATEWAY_DIST) ? 'dist' : 'source';
}

export function gatewayArgs(runtime: GatewayRuntime): string[] {
  return runtime === 'dist' ? [GATEWAY_DIST] : ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'];
}

export function emulatorArgs(runtime: GatewayRuntime): string[] {
  return runtime === 'dist' && existsSync(EMULATOR_DIST)
    ? [EMULATOR_DIST]
    : ['-r', '@swc-node/register', 'apps/bedrock-local/src/main.ts'];
}

/**
 * A gateway config (docs/gateway-config.md) with one tenant whose PII policy is `redact`, and one key
 * made by the project's own key command. Returns the key (it exists only in this process).
 */
export function createGatewayConfig(directory: string): { path: string; apiKey: string } {
  const path = join(directory, 'gateway-config.yaml');
  writeFileSync(
    path,
    [
      'version: 1',
      'tenants:',
      '  - id: bench',
      '    name: Benchmark tenant',
      '    keys: []',
      '    pii:',
      '      mode: redact',
      '',
    ].join('\n'),
  );
  const output = execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'scripts/create-key.ts',
      '--config',
      path,
      '--tenant',
      'bench',
      '--key-id',
      'bench-load',
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const apiKey = output.trim().split('\n').pop() ?? '';
  if (!apiKey.startsWith('bgw_')) throw new Error('keys:create printed no key');
  return { path, apiKey };
}

/** The gateway's environment: production mode, SQLite ledger, the separate emulator as Bedrock. */
export function gatewayEnv(options: {
  port: number;
  emulatorUrl: string;
  configPath: string;
  sqlitePath: string;
}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    LOG_LEVEL: 'info',
    // Local backend with named endpoints: the SDK clients call the emulator child with fixed test
    // credentials and no embedded emulator is started.
    BEDROCK_BACKEND: 'local',
    BEDROCK_ENDPOINT_URL: options.emulatorUrl,
    BEDROCK_AGENT_ENDPOINT_URL: options.emulatorUrl,
    BEDROCK_CONTROL_ENDPOINT_URL: options.emulatorUrl,
    AWS_REGION: 'us-east-1',
    GATEWAY_CONFIG: options.configPath,
    USAGE_SQLITE_PATH: options.sqlitePath,
    // No load balancer to drain from: stop at once between runs.
    SHUTDOWN_DRAIN_DELAY_MS: '0',
  };
}

export interface GovernanceProbe {
  auth_enforced: boolean;
  pii_redacted: boolean;
}

/** Whether auth and PII redaction are live in this build: a keyless call and a call carrying an email. */
export async function probeGovernance(gatewayUrl: string, apiKey: string): Promise<GovernanceProbe> {
  const body = JSON.stringify({
    model: 'claude-3-haiku',
    max_tokens: 8,
    message: 'write to bench@example.com',
  });
  const headers = { 'content-type': 'application/json' };
  const keyless = await fetch(`${gatewayUrl}/bedrock/chat`, { method: 'POST', headers, body });
  await keyless.arrayBuffer();
  const keyed = await fetch(`${gatewayUrl}/bedrock/chat`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${apiKey}` },
    body,
  });
  const answer = (await keyed.json()) as { redactions?: unknown[] };
  if (!keyed.ok)
    throw new Error(`gateway answered ${keyed.status} to the keyed probe: ${JSON.stringify(answer)}`);
  return {
    auth_enforced: keyless.status === 401,
    pii_redacted: Array.isArray(answer.redactions) && answer.redactions.length > 0,
  };
}
