import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so leaked keys are recognisable by secret scanners. */
export const API_KEY_PREFIX = 'bgw_';
/** Presented keys longer than this are rejected before hashing. */
export const MAX_API_KEY_LENGTH = 256;

/** A new key: the prefix and 32 random bytes, base64url (43 characters). Shown once, never stored. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Lowercase hex SHA-256 of a key, the form stored in the config file. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
