import type { BedrockEmulator } from '@app/bedrock-emulator';
import { generateApiKey, hashApiKey } from '@app/governance';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface KeySpec {
  id: string;
  role?: 'admin' | 'user';
  revoked?: boolean;
}

/** A tenant as in the config file, with keys given by id (the fixture makes and hashes the keys). */
export interface TenantSpec {
  id: string;
  keys?: KeySpec[];
  [field: string]: unknown;
}

export interface GatewayConfigFile {
  path: string;
  /** The plain key of a key id (only tests know it; the file holds the hash). */
  key(keyId: string): string;
  remove(): void;
}

/** Writes a GATEWAY_CONFIG file with freshly generated keys to a temporary folder. */
export function writeGatewayConfig(tenants: TenantSpec[]): GatewayConfigFile {
  const keys = new Map<string, string>();
  const document = {
    version: 1,
    tenants: tenants.map(({ keys: keySpecs = [], ...tenant }) => ({
      ...tenant,
      keys: keySpecs.map((spec) => {
        const key = generateApiKey();
        keys.set(spec.id, key);
        return { ...spec, hash: hashApiKey(key) };
      }),
    })),
  };
  const dir = mkdtempSync(join(tmpdir(), 'gateway-config-'));
  const path = join(dir, 'gateway.yaml');
  writeFileSync(path, stringify(document));
  return {
    path,
    key(keyId) {
      const key = keys.get(keyId);
      if (!key) throw new Error(`no key ${keyId} in the fixture`);
      return key;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Headers carrying a key the way API.md allows (`Authorization: Bearer` or `x-api-key`). */
export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/**
 * Waits until `read()` returns `expected` (a settlement lands just after the response), then returns the
 * last value read, so that the caller's assertion shows the difference when it never does.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, attempts = 200): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < attempts && value !== expected; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}

/** Model and knowledge-base calls the emulator received (readiness probes of the control plane left out). */
export function bedrockCalls(emulator: BedrockEmulator) {
  return emulator.requests.filter((request) => /^(InvokeModel|Converse|Retrieve)/.test(request.operation));
}
