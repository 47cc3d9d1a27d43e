import type { PiiPolicy } from '../config/governance-config.schema';
import { detectPii, redactPii } from '../pii/pii-detector';
import { PII_TYPES, type PiiType } from '../pii/pii-type';
import { PolicyDenial } from './policy-denial.error';

/** One entry of the chat response's `redactions`. */
export interface Redaction {
  type: PiiType;
  count: number;
}

export interface PiiOutcome {
  /** The texts to send on, in the order given (redacted when the policy is `redact`). */
  texts: string[];
  /** Empty when nothing was changed. */
  redactions: Redaction[];
}

/** Applies a tenant's PII policy to every text that will leave the gateway. */
export function applyPiiPolicy(policy: PiiPolicy, texts: readonly string[]): PiiOutcome {
  const types = policy.types ?? PII_TYPES;
  switch (policy.mode) {
    case 'off':
      return { texts: [...texts], redactions: [] };
    case 'deny': {
      const found = new Set(texts.flatMap((text) => detectPii(text, types)));
      if (found.size === 0) return { texts: [...texts], redactions: [] };
      const listed = PII_TYPES.filter((type) => found.has(type));
      throw new PolicyDenial('pii_blocked', `the input contains PII: ${listed.join(', ')}`, {
        reason: 'pii',
        types: listed,
      });
    }
    case 'redact': {
      const totals = new Map<PiiType, number>();
      const redacted = texts.map((text) => {
        const result = redactPii(text, types);
        for (const [type, count] of Object.entries(result.counts) as [PiiType, number][]) {
          totals.set(type, (totals.get(type) ?? 0) + count);
        }
        return result.text;
      });
      const redactions = PII_TYPES.flatMap((type) => {
        const count = totals.get(type);
        return count ? [{ type, count }] : [];
      });
      return { texts: redacted, redactions };
    }
  }
}
