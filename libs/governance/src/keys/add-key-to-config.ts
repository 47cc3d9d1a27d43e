import { randomBytes } from 'node:crypto';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Role } from '../config/governance-config.schema';
import { GovernanceConfigError } from '../config/governance-config.error';
import { parseGovernanceConfig } from '../config/load-governance-config';

export interface NewKeyRequest {
  tenantId: string;
  /** SHA-256 hex of the new key (see hashApiKey). */
  hash: string;
  role: Role;
  /** Defaults to `key-<yyyymmdd>-<6 hex>`. */
  keyId?: string;
  /** Add the tenant when the file does not have it (otherwise that is an error). */
  createTenant?: boolean;
  tenantName?: string;
  now?: Date;
}

/**
 * Adds a key's hash to the config text through the yaml Document API, so comments, ordering and
 * formatting of the rest of the file survive. The input and the result are both validated.
 */
export function addKeyToConfig(
  text: string,
  source: string,
  request: NewKeyRequest,
): { text: string; keyId: string } {
  parseGovernanceConfig(text, source);
  const document = parseDocument(text);
  if (document.contents === null) document.set('version', 1); // empty or comment-only file
  const tenant = findOrCreateTenant(document, request, source);
  let keys = tenant.get('keys');
  if (!isSeq(keys)) {
    keys = document.createNode([]);
    tenant.set('keys', keys);
  }
  const keySeq = keys as YAMLSeq;
  keySeq.flow = false; // `keys: []` becomes a block list rather than a one-line flow list
  const existing = new Set(keySeq.items.map((item) => (isMap(item) ? String(item.get('id')) : '')));
  const now = request.now ?? new Date();
  const keyId =
    request.keyId ??
    `key-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  if (existing.has(keyId))
    throw new Error(`${source}: tenant ${request.tenantId} already has a key with id ${keyId}`);
  keySeq.add(
    document.createNode({ id: keyId, hash: request.hash, role: request.role, created_at: now.toISOString() }),
  );
  // yaml pads flow lists (`[ a, b ]`) by default; the files here are written `[a, b]`.
  const result = document.toString({ flowCollectionPadding: false });
  assertStillValid(result, source);
  return { text: result, keyId };
}

/**
 * The changed text must still load. When it does not (a tenant id or key id the schema refuses), the
 * problems are told without line numbers: they would point into a file that is never written.
 */
function assertStillValid(text: string, source: string): void {
  try {
    parseGovernanceConfig(text, source);
  } catch (error) {
    if (!(error instanceof GovernanceConfigError)) throw error;
    const problems = error.problems.map((problem) => `${problem.path || '(document)'}: ${problem.message}`);
    throw new Error(
      `${source} is left unchanged: with the new key it would not be valid (${problems.join('; ')})`,
    );
  }
}

function findOrCreateTenant(document: Document, request: NewKeyRequest, source: string): YAMLMap {
  let tenants = document.get('tenants');
  if (!isSeq(tenants)) {
    tenants = document.createNode([]);
    document.set('tenants', tenants);
  }
  const seq = tenants as YAMLSeq;
  seq.flow = false;
  const found = seq.items.find((item): item is YAMLMap => isMap(item) && item.get('id') === request.tenantId);
  if (found) return found;
  if (!request.createTenant) {
    throw new Error(`${source}: no tenant with id ${request.tenantId} (pass --create-tenant to add it)`);
  }
  const tenant = document.createNode({
    id: request.tenantId,
    name: request.tenantName ?? request.tenantId,
    keys: [],
  });
  seq.add(tenant);
  return tenant;
}
