import type { Principal } from './principal';

/**
 * Who calls when authentication is off (local mode, no keys configured): one admin tenant with no
 * allow-lists, budgets or rates. PII is still redacted, as everywhere by default.
 */
export const ANONYMOUS_PRINCIPAL: Readonly<Principal> = Object.freeze<Principal>({
  tenant: {
    id: 'anonymous',
    name: 'Local mode (authentication off)',
    keys: [],
    pii: { mode: 'redact' },
    log_prompts: false,
  },
  keyId: null,
  role: 'admin',
});
