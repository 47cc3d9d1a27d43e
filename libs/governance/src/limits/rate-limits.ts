import { Logger } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { TenantConfig } from '../config/governance-config.schema';
import type { CounterStore } from './counter-store';

export type RateDimension = 'requests_per_minute' | 'tokens_per_minute';

/** What a successful check took from the minute's allowances; reconciled after the call. */
export interface RateReservation {
  tenantId: string;
  tokens: number;
  /** When the minute the tokens were taken from ends (epoch ms); absent when no tokens were taken. */
  windowEndsAt?: number;
  /** When the minute the request was counted in ends (epoch ms); absent without a request rate. */
  requestWindowEndsAt?: number;
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
 * The request is counted first, then its tokens. Whatever refuses the call, what it took is given back
 * (in that minute only: see GIVE_BACK_MARGIN_MS), so a minute counts the calls it admitted: a refused
 * request is no use to anyone, and on Redis, where the steps of concurrent calls interleave, points
 * kept by refused calls filled minutes that had admitted few (a burst of 20 left a limit of 9 full after
 * admitting 2). A call refused later, by its budget, gives its points back through `release`.
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
    const counted = { tenantId: tenant.id, requestWindowEndsAt };
    if (tokenLimit === undefined || tokens === 0) {
      return { allowed: true, reservation: { ...counted, tokens: 0 } };
    }
    const taken = await this.take(tenant.id, 'tokens_per_minute', tokenLimit, tokens);
    if ('refused' in taken) {
      await this.release(tenant, { ...counted, tokens: 0 });
      return taken.refused;
    }
    return { allowed: true, reservation: { ...counted, tokens, windowEndsAt: taken.windowEndsAt } };
  }

  /** Gives back everything a reservation took, for a call refused after its rates admitted it. */
  async release(tenant: TenantConfig, reservation: RateReservation): Promise<void> {
    const requests = tenant.rates?.requests_per_minute;
    if (requests !== undefined && reservation.requestWindowEndsAt !== undefined) {
      const limiter = this.limiter('requests_per_minute', requests);
      await giveBack(limiter, reservation.tenantId, 1, reservation.requestWindowEndsAt);
    }
    await this.reconcile(tenant, reservation, 0);
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
      // rate-limiter-flexible counts refused points too: given back, so the minute counts admitted calls.
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
  if (leftMs <= GIVE_BACK_MARGIN_MS) return;
  // Best effort: a give-back that fails (Redis gone between the check and it) leaves the points taken,
  // and must not turn the caller's 429 into a 500.
  await limiter
    .reward(key, points, { customDuration: Math.ceil(leftMs / 1000) })
    .catch((error: unknown) => logger.warn(`could not give rate points back: ${String(error)}`));
}

const logger = new Logger('Governance');
