import { RateLimiterRes } from 'rate-limiter-flexible';
import type { TenantConfig } from '../config/governance-config.schema';
import type { CounterStore } from './counter-store';

export type RateDimension = 'requests_per_minute' | 'tokens_per_minute';

/** The tokens a successful check took from the minute's allowance; reconciled after the call. */
export interface RateReservation {
  tenantId: string;
  tokens: number;
  /** When the minute the tokens were taken from ends (epoch ms); absent when no tokens were taken. */
  windowEndsAt?: number;
}

export type RateDecision =
  | { allowed: true; reservation: RateReservation }
  | { allowed: false; dimension: RateDimension; limit: number; retryAfterSeconds: number }
  /** The request alone needs more tokens than a whole minute allows: no wait will admit it. */
  | {
      allowed: false;
      dimension: 'tokens_per_minute';
      limit: number;
      retryAfterSeconds: null;
      needed: number;
    };

const MINUTE = 60;

/**
 * Per-tenant request and token rates per minute, on rate-limiter-flexible (memory or Redis, atomic in both).
 * The request is counted first; when the token allowance then refuses, the request and the tokens are
 * given back, so that a refused call does not eat into the minute.
 */
export class RateLimits {
  constructor(private readonly store: CounterStore) {}

  async consume(tenant: TenantConfig, estimatedTokens: number): Promise<RateDecision> {
    const rates = tenant.rates;
    const tokens = Math.max(0, Math.ceil(estimatedTokens));
    const tokenLimit = rates?.tokens_per_minute;
    if (tokenLimit !== undefined && tokens > tokenLimit) {
      return {
        allowed: false,
        dimension: 'tokens_per_minute',
        limit: tokenLimit,
        retryAfterSeconds: null,
        needed: tokens,
      };
    }
    const requests = rates?.requests_per_minute;
    if (requests !== undefined) {
      const taken = await this.take(tenant.id, 'requests_per_minute', requests, 1);
      if ('refused' in taken) return taken.refused;
    }
    if (tokenLimit === undefined || tokens === 0) {
      return { allowed: true, reservation: { tenantId: tenant.id, tokens: 0 } };
    }
    const taken = await this.take(tenant.id, 'tokens_per_minute', tokenLimit, tokens);
    if ('refused' in taken) {
      if (requests !== undefined) await this.limiter('requests_per_minute', requests).reward(tenant.id, 1);
      return taken.refused;
    }
    return {
      allowed: true,
      reservation: { tenantId: tenant.id, tokens, windowEndsAt: Date.now() + taken.msBeforeNext },
    };
  }

  /**
   * Replaces the estimated tokens by the actual count in the minute they were taken from. Once that
   * minute is over its counter has expired, and a correction would credit or debit the next minute
   * instead (a call that outlived its minute gave the tenant a negative count there): nothing is done.
   */
  async reconcile(tenant: TenantConfig, reservation: RateReservation, actualTokens: number): Promise<void> {
    const limit = tenant.rates?.tokens_per_minute;
    if (limit === undefined || reservation.windowEndsAt === undefined) return;
    if (Date.now() >= reservation.windowEndsAt) return;
    const delta = Math.max(0, Math.ceil(actualTokens)) - reservation.tokens;
    const limiter = this.limiter('tokens_per_minute', limit);
    if (delta > 0) await limiter.penalty(reservation.tenantId, delta);
    if (delta < 0) await limiter.reward(reservation.tenantId, -delta);
  }

  private async take(
    tenantId: string,
    dimension: RateDimension,
    limit: number,
    points: number,
  ): Promise<{ msBeforeNext: number } | { refused: RateDecision }> {
    const limiter = this.limiter(dimension, limit);
    try {
      const result = await limiter.consume(tenantId, points);
      return { msBeforeNext: result.msBeforeNext };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // rate-limiter-flexible counts refused points too; give them back so refusals cost nothing.
      await limiter.reward(tenantId, points);
      return {
        refused: {
          allowed: false,
          dimension,
          limit,
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
        },
      };
    }
  }

  private limiter(dimension: RateDimension, limit: number) {
    return this.store.rateLimiter({ name: dimension, points: limit, durationSeconds: MINUTE });
  }
}
