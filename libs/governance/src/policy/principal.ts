import type { Role, TenantConfig } from '../config/governance-config.schema';

/** Who is calling: the tenant (team) a key belongs to, the key's id and its role. Never holds the key. */
export interface Principal {
  tenant: TenantConfig;
  /** Null when authentication is off (local mode without keys). */
  keyId: string | null;
  role: Role;
}

/** A principal by ids only: what the usage ledger records of a refused request (no tenant config). */
export interface KeyOwner {
  tenantId: string;
  keyId: string | null;
}

export function keyOwnerOf(principal: Principal): KeyOwner {
  return { tenantId: principal.tenant.id, keyId: principal.keyId };
}
