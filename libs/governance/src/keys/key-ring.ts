import { timingSafeEqual } from 'node:crypto';
import type { GovernanceConfig, TenantConfig } from '../config/governance-config.schema';
import type { Principal } from '../policy/principal';
import { hashApiKey, MAX_API_KEY_LENGTH } from './api-key';

interface StoredKey {
  digest: Buffer;
  tenant: TenantConfig;
  keyId: string;
  role: Principal['role'];
  revoked: boolean;
}

/**
 * Authenticates presented API keys against the hashes in the config.
 *
 * The presented key is hashed and compared with every stored hash using `timingSafeEqual`, without
 * stopping at the first match, so the time taken does not depend on which key (if any) matched.
 * Revoked keys are compared like the others and then refused.
 */
export class KeyRing {
  private readonly keys: StoredKey[];

  constructor(config: GovernanceConfig) {
    this.keys = config.tenants.flatMap((tenant) =>
      tenant.keys.map((key) => ({
        digest: Buffer.from(key.hash, 'hex'),
        tenant,
        keyId: key.id,
        role: key.role,
        revoked: key.revoked,
      })),
    );
  }

  /** Number of keys configured, revoked ones included. Zero means auth can be turned off locally. */
  get size(): number {
    return this.keys.length;
  }

  authenticate(presented: string | null | undefined): Principal | null {
    const found = this.identify(presented);
    return found && !found.revoked ? found.principal : null;
  }

  /** Whose key this is, revoked or not (null when unknown): a revoked key's calls are still recorded as its own. */
  identify(presented: string | null | undefined): { principal: Principal; revoked: boolean } | null {
    if (!presented || presented.length > MAX_API_KEY_LENGTH) return null;
    const digest = Buffer.from(hashApiKey(presented), 'hex');
    let found: StoredKey | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(digest, key.digest) && found === undefined) found = key;
    }
    if (!found) return null;
    return {
      principal: { tenant: found.tenant, keyId: found.keyId, role: found.role },
      revoked: found.revoked,
    };
  }
}
