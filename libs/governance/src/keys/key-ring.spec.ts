import { governanceConfigSchema } from '../config/governance-config.schema';
import { API_KEY_PREFIX, generateApiKey, hashApiKey } from './api-key';
import { KeyRing } from './key-ring';

describe('KeyRing', () => {
  const adminKey = generateApiKey();
  const userKey = generateApiKey();
  const revokedKey = generateApiKey();
  const config = governanceConfigSchema.parse({
    tenants: [
      { id: 'platform', keys: [{ id: 'ops', hash: hashApiKey(adminKey), role: 'admin' }] },
      {
        id: 'search',
        keys: [
          { id: 'ci', hash: hashApiKey(userKey) },
          { id: 'old', hash: hashApiKey(revokedKey), revoked: true },
        ],
      },
    ],
  });
  const ring = new KeyRing(config);

  it('resolves a key to its tenant, key id and role', () => {
    // Act
    const admin = ring.authenticate(adminKey);
    const user = ring.authenticate(userKey);

    // Assert
    expect(admin).toMatchObject({ keyId: 'ops', role: 'admin', tenant: { id: 'platform' } });
    expect(user).toMatchObject({ keyId: 'ci', role: 'user', tenant: { id: 'search' } });
  });

  it('refuses unknown, revoked, empty and oversized keys', () => {
    // Act / Assert
    expect(ring.authenticate(generateApiKey())).toBeNull();
    expect(ring.authenticate(revokedKey)).toBeNull();
    expect(ring.authenticate('')).toBeNull();
    expect(ring.authenticate(null)).toBeNull();
    expect(ring.authenticate(`${userKey}${'x'.repeat(300)}`)).toBeNull();
    expect(ring.authenticate(userKey.toUpperCase())).toBeNull();
  });

  it('counts configured keys, revoked ones included', () => {
    // Act / Assert
    expect(ring.size).toBe(3);
    expect(new KeyRing(governanceConfigSchema.parse({})).size).toBe(0);
  });
});

describe('generateApiKey', () => {
  it('makes prefixed keys with 32 random bytes, hashed as lowercase sha256 hex', () => {
    // Act
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey()));

    // Assert
    expect(keys.size).toBe(100);
    for (const key of keys) {
      expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
      expect(Buffer.from(key.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
      expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
