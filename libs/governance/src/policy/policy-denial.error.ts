import type { KeyOwner } from './principal';

/** Why a request was refused; the API error code the gateway's filter maps to HTTP (400/401/403/422/429). */
export type PolicyDenialCode =
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'pii_blocked'
  /** A request no wait would admit (larger than a whole minute's token allowance). */
  | 'validation_error';

/** Extra facts about a denial, safe to return to the caller and to store in the usage ledger. */
export interface PolicyDenialDetails {
  /** e.g. `requests_per_minute`, `daily_usd`, `model`, `missing_key`. */
  reason: string;
  limit?: number;
  /** PII types found (never the values). */
  types?: readonly string[];
}

/**
 * A policy refused the request. Carries the API error code and, for 429s, when to retry.
 * Holds no key, prompt or PII value, so it can be logged and recorded as a usage reason as is.
 */
export class PolicyDenial extends Error {
  /**
   * Whose key it was, when the key is known but refused (a revoked key): for the usage ledger, so that
   * an operator can find who still uses a rotated-out key. Ids only (no tenant config, whose key hashes
   * a logged error would carry); never part of the answer.
   */
  refusedKey?: KeyOwner;

  constructor(
    readonly code: PolicyDenialCode,
    message: string,
    readonly details: PolicyDenialDetails,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PolicyDenial';
  }
}

export function isPolicyDenial(error: unknown): error is PolicyDenial {
  return error instanceof PolicyDenial;
}
