import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
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
 * Points are given back only while their minute has at least this long to run. rate-limiter-flexible
 * upserts a reward: one that reaches the store after the minute's key expired creates the next minute's
 * key below zero, and that minute then admits more than its limit (a review saw 8 of 5 requests admitted
 * at minute boundaries under a flood). Near the end of a minute the points stay taken instead, for less
 * than this long.
 */
export const GIVE_BACK_MARGIN_MS = 500;

/**
 * Per-tenant request and token rates per minute, on rate-limiter-flexible (memory or Redis, atomic in both).
 * The request is counted first; when the token allowance then refuses, the request and the tokens are
 * given back, so that a refused call does not eat into the minute (in that minute only: see
 * GIVE_BACK_MARGIN_MS). A request refused by the request rate is not given back: its minute is full
 * either way, and the give-back could only reach the next minute.
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
    let requestWindowEndsAt: number | undefined;
    if (requests !== undefined) {
      const taken = await this.take(tenant.id, 'requests_per_minute', requests, 1);
      if ('refused' in taken) return taken.refused;
      requestWindowEndsAt = taken.windowEndsAt;
    }
    if (tokenLimit === undefined || tokens === 0) {
      return { allowed: true, reservation: { tenantId: tenant.id, tokens: 0 } };
    }
    const taken = await this.take(tenant.id, 'tokens_per_minute', tokenLimit, tokens);
    if ('refused' in taken) {
      if (requests !== undefined && requestWindowEndsAt !== undefined)
        await giveBack(this.limiter('requests_per_minute', requests), tenant.id, 1, requestWindowEndsAt);
      return taken.refused;
    }
    return {
      allowed: true,
      reservation: { tenantId: tenant.id, tokens, windowEndsAt: taken.windowEndsAt },
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
    const delta = Math.max(0, Math.ceil(actualTokens)) - reservation.tokens;
    const limiter = this.limiter('tokens_per_minute', limit);
    if (delta > 0 && Date.now() + GIVE_BACK_MARGIN_MS < reservation.windowEndsAt)
      await limiter.penalty(reservation.tenantId, delta);
    if (delta < 0) await giveBack(limiter, reservation.tenantId, -delta, reservation.windowEndsAt);
  }

  private async take(
    tenantId: string,
    dimension: RateDimension,
    limit: number,
    points: number,
  ): Promise<{ windowEndsAt: number } | { refused: RateDecision }> {
    const limiter = this.limiter(dimension, limit);
    try {
      const result = await limiter.consume(tenantId, points);
      return { windowEndsAt: Date.now() + result.msBeforeNext };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // rate-limiter-flexible counts refused points too. Refused tokens are given back so that a
      // smaller call still fits in the minute; a refused request changes nothing worth undoing.
      if (dimension === 'tokens_per_minute')
        await giveBack(limiter, tenantId, points, Date.now() + error.msBeforeNext);
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

/**
 * Gives `points` back to the minute ending at `windowEndsAt`, unless it is about to end (see the margin).
 * The time it has left travels as the reward's duration, so the Redis store can tell that minute from a
 * later one (redis-counter-store.ts); the memory store applies it in the same turn.
 */
async function giveBack(
  limiter: RateLimiterAbstract,
  key: string,
  points: number,
  windowEndsAt: number,
): Promise<void> {
  const leftMs = windowEndsAt - Date.now();
  if (leftMs > GIVE_BACK_MARGIN_MS)
    await limiter.reward(key, points, { customDuration: Math.ceil(leftMs / 1000) });
}
