import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { GovernanceConfig, TenantConfig } from './config/governance-config.schema';
import { PatternMatcher } from './config/pattern-matcher';
import { GOVERNANCE_CLOCK, GOVERNANCE_CONFIG } from './governance.constants';
import { extractApiKey, type HeaderBag } from './keys/extract-api-key';
import { KeyRing } from './keys/key-ring';
import {
  BUDGET_DIMENSIONS,
  BudgetLimiter,
  type BudgetDimension,
  type BudgetReservation,
} from './limits/budget-limiter';
import { CounterStore } from './limits/counter-store';
import { RateLimits, type RateReservation } from './limits/rate-limits';
import { ANONYMOUS_PRINCIPAL } from './policy/anonymous-principal';
import { applyPiiPolicy, type PiiOutcome } from './policy/pii-policy';
import { CountersUnavailableError } from './policy/counters-unavailable.error';
import { PolicyDenial } from './policy/policy-denial.error';
import { keyOwnerOf, type Principal } from './policy/principal';

interface AllowLists {
  models: PatternMatcher;
  knowledgeBases: PatternMatcher;
}

export interface BudgetAdmission {
  reservation: BudgetReservation;
  /** Budgets passed in `warn` mode: the call goes ahead and the breach belongs in its usage record. */
  breaches: BudgetDimension[];
}

/** What the pre-call checks reserved; `settle` replaces the estimates with the actual figures. */
export interface Reservations {
  rate?: RateReservation;
  budget?: BudgetReservation;
}

const ALLOW_ALL: AllowLists = {
  models: new PatternMatcher(undefined),
  knowledgeBases: new PatternMatcher(undefined),
};

const NOTHING_SPENT = Object.fromEntries(BUDGET_DIMENSIONS.map((dimension) => [dimension, 0])) as Record<
  BudgetDimension,
  number
>;

/**
 * The governance policy chain, called by the gateway's guard and interceptor in this order:
 * authenticate → authorizeModel / authorizeKnowledgeBase → checkRate → checkBudget → applyPii → (call) → settle.
 * Every refusal is thrown as a PolicyDenial carrying the API error code; nothing here knows HTTP.
 */
@Injectable()
export class GovernanceService {
  private readonly logger = new Logger('Governance');
  // Replaced together by `reload`; a request holds the principal it authenticated with to its end.
  private keyRing: KeyRing;
  private tenants: readonly TenantConfig[];
  private allowLists: Map<string, AllowLists>;
  private readonly budgets: BudgetLimiter;
  private readonly rates: RateLimits;
  /** The counter store failed and has not answered since (`counted`). */
  private countersFailing = false;

  constructor(
    @Inject(GOVERNANCE_CONFIG) config: GovernanceConfig,
    store: CounterStore,
    @Optional() @Inject(GOVERNANCE_CLOCK) clock?: () => number,
  ) {
    this.keyRing = new KeyRing(config);
    this.tenants = config.tenants;
    this.allowLists = new Map(config.tenants.map((tenant) => [tenant.id, allowListsOf(tenant)]));
    this.budgets = new BudgetLimiter(store, clock ?? Date.now);
    this.rates = new RateLimits(store);
  }

  /**
   * Puts a new configuration (keys, tenants, allow-lists, budgets, rates, PII) in force for the requests
   * that authenticate from now on. Counters are kept: they are keyed by tenant id. The caller validates
   * the configuration first (`loadGovernanceConfig`, and `assertProductionKeys` in production).
   */
  reload(config: GovernanceConfig): void {
    this.keyRing = new KeyRing(config);
    this.tenants = config.tenants;
    this.allowLists = new Map(config.tenants.map((tenant) => [tenant.id, allowListsOf(tenant)]));
  }

  /** False when no key is configured: every caller is then the anonymous admin (local mode only). */
  get authEnabled(): boolean {
    return this.keyRing.size > 0;
  }

  /** Resolves the caller from `Authorization: Bearer <key>` or `x-api-key`. Throws `unauthorized`. */
  authenticate(headers: HeaderBag): Principal {
    if (!this.authEnabled) return ANONYMOUS_PRINCIPAL;
    const presented = extractApiKey(headers);
    if (presented.key === null && presented.problem === 'conflicting') {
      throw new PolicyDenial(
        'unauthorized',
        'the request carries different keys (Authorization, x-api-key); send one key',
        { reason: 'conflicting_keys' },
      );
    }
    if (presented.key === null) {
      throw new PolicyDenial(
        'unauthorized',
        'an API key is required (Authorization: Bearer <key> or x-api-key)',
        { reason: 'missing_key' },
      );
    }
    const found = this.keyRing.identify(presented.key);
    if (!found)
      throw new PolicyDenial('unauthorized', 'unknown or revoked API key', { reason: 'invalid_key' });
    if (found.revoked) {
      const denial = new PolicyDenial('unauthorized', 'unknown or revoked API key', {
        reason: 'revoked_key',
      });
      denial.refusedKey = keyOwnerOf(found.principal);
      throw denial;
    }
    return found.principal;
  }

  /** For admin-only routes (`/usage/*` of other tenants, `/metrics`). Throws `forbidden`. */
  requireAdmin(principal: Principal): void {
    if (principal.role !== 'admin') {
      throw new PolicyDenial('forbidden', 'this route needs an admin key', { reason: 'admin_required' });
    }
  }

  /** Allowed when one of the model's names (alias, ids) matches the tenant's allow-list. Throws `forbidden`. */
  authorizeModel(principal: Principal, names: readonly (string | null)[]): void {
    if (!this.allowListsOf(principal).models.matchesAny(names)) {
      const shown = names.find((name) => name !== null) ?? '(none)';
      throw new PolicyDenial('forbidden', `this key may not use model ${shown}`, {
        reason: 'model_not_allowed',
      });
    }
  }

  /** Allowed when the alias or the knowledge-base id matches the tenant's allow-list. Throws `forbidden`. */
  authorizeKnowledgeBase(principal: Principal, alias: string | null, knowledgeBaseId: string | null): void {
    if (!this.allowListsOf(principal).knowledgeBases.matchesAny([alias, knowledgeBaseId])) {
      throw new PolicyDenial(
        'forbidden',
        `this key may not use knowledge base ${alias ?? knowledgeBaseId ?? '(none)'}`,
        {
          reason: 'knowledge_base_not_allowed',
        },
      );
    }
  }

  /**
   * Counts the request and its estimated tokens against the tenant's per-minute rates. Throws
   * `rate_limited`, or `validation_error` for a request larger than a whole minute's token allowance.
   */
  async checkRate(principal: Principal, estimatedTokens: number): Promise<RateReservation> {
    const decision = await this.counted(this.rates.consume(principal.tenant, estimatedTokens), (answer) =>
      answer.allowed
        ? answer.reservation.requestWindowEndsAt !== undefined ||
          answer.reservation.windowEndsAt !== undefined
        : answer.retryAfterSeconds !== null,
    );
    if (decision.allowed) return decision.reservation;
    if (decision.retryAfterSeconds === null) {
      throw new PolicyDenial(
        'validation_error',
        `this request needs about ${decision.needed} tokens (input estimate plus max_tokens), more than the tokens per minute limit of ${decision.limit}: lower max_tokens or shorten the input`,
        { reason: decision.dimension, limit: decision.limit },
      );
    }
    throw new PolicyDenial(
      'rate_limited',
      `rate limit of ${decision.limit} ${decision.dimension.replace(/_/g, ' ')} exceeded`,
      { reason: decision.dimension, limit: decision.limit },
      decision.retryAfterSeconds,
    );
  }

  /**
   * Reserves the call's estimated cost and tokens against the tenant's budgets. Throws `budget_exceeded`,
   * or `validation_error` for a call whose estimate alone is larger than a whole budget.
   */
  async checkBudget(
    principal: Principal,
    estimatedCostUsd: number,
    estimatedTokens: number,
  ): Promise<BudgetAdmission> {
    const decision = await this.counted(
      this.budgets.check(principal.tenant, estimatedCostUsd, estimatedTokens),
      (answer) => (answer.allowed ? answer.reservation.lines.length > 0 : answer.retryAfterSeconds !== null),
    );
    if (!decision.allowed) {
      const [dimension = 'daily_usd'] = decision.exceeded;
      const budgets = decision.exceeded.join(', ');
      const details = { reason: dimension, limit: decision.limits[0] };
      if (decision.retryAfterSeconds === null) {
        throw new PolicyDenial(
          'validation_error',
          `this request's estimate (input plus max_tokens) is larger than the whole ${budgets} budget of ${decision.limits.join(', ')}: lower max_tokens or shorten the input`,
          details,
        );
      }
      throw new PolicyDenial(
        'budget_exceeded',
        decision.inFlight
          ? `the ${budgets} budget is held by the estimates of calls still in flight; retry in ${decision.retryAfterSeconds} s`
          : `the ${budgets} budget is spent; it resets in ${decision.retryAfterSeconds} s`,
        details,
        decision.retryAfterSeconds,
      );
    }
    if (decision.breaches.length > 0) {
      this.logger.warn(
        `tenant ${principal.tenant.id} is over its ${decision.breaches.join(', ')} budget (warn mode)`,
      );
    }
    return { reservation: decision.reservation, breaches: decision.breaches };
  }

  /** Redacts, refuses (`pii_blocked`) or passes the texts per the tenant's PII policy. */
  applyPii(principal: Principal, texts: readonly string[]): PiiOutcome {
    return applyPiiPolicy(principal.tenant.pii, texts);
  }

  /** After the call (success or failure): charges the actual cost and tokens in place of the estimates. */
  async settle(
    principal: Principal,
    actualCostUsd: number | null,
    actualTokens: number,
    reservations: Reservations,
  ): Promise<void> {
    await Promise.all([
      reservations.budget && this.budgets.charge(reservations.budget, actualCostUsd ?? 0, actualTokens),
      reservations.rate && this.rates.reconcile(principal.tenant, reservations.rate, actualTokens),
    ]);
  }

  /** Ends a call whose estimates stay charged (it has no counts to settle on). */
  async keepEstimates(reservations: Reservations): Promise<void> {
    if (reservations.budget) await this.budgets.keep(reservations.budget);
  }

  /** Gives back everything the pre-call checks took, for a call refused before it was made. */
  async release(principal: Principal, reservations: Reservations): Promise<void> {
    await Promise.all([
      reservations.budget && this.budgets.charge(reservations.budget, 0, 0),
      reservations.rate && this.rates.release(principal.tenant, reservations.rate),
    ]);
  }

  /** Whether any configured tenant has a budget: else there is nothing to seed at boot. */
  get hasBudgets(): boolean {
    return this.tenants.some((tenant) => tenant.budgets !== undefined);
  }

  /**
   * At boot: every budget counter is raised to what its tenant spent in the UTC day and month of `now`,
   * the instant the caller read `spent` for (from the usage ledger; by tenant id): a restart with
   * in-memory counters, a Redis that lost its counters, budgets new since the last start.
   */
  async seedSpending(
    spent: ReadonlyMap<string, Record<BudgetDimension, number>>,
    now: number,
  ): Promise<void> {
    await Promise.all(
      this.tenants.map((tenant) => this.budgets.seed(tenant, spent.get(tenant.id) ?? NOTHING_SPENT, now)),
    );
  }

  /** The budgets `next` sets that the configuration in force does not: dimensions by tenant id. */
  budgetsAddedBy(next: GovernanceConfig): Map<string, BudgetDimension[]> {
    const current = new Map(this.tenants.map((tenant) => [tenant.id, tenant.budgets]));
    const added = new Map<string, BudgetDimension[]>();
    for (const tenant of next.tenants) {
      const before = current.get(tenant.id);
      const dimensions = BUDGET_DIMENSIONS.filter(
        (dimension) => tenant.budgets?.[dimension] !== undefined && before?.[dimension] === undefined,
      );
      if (dimensions.length > 0) added.set(tenant.id, dimensions);
    }
    return added;
  }

  /**
   * Before a reload puts the budgets it adds in force (`added`, from `budgetsAddedBy`): their counters
   * start from what their tenants spent so far in their windows, which they did not count.
   */
  async seedAddedBudgets(
    next: GovernanceConfig,
    added: ReadonlyMap<string, readonly BudgetDimension[]>,
    spent: ReadonlyMap<string, Record<BudgetDimension, number>>,
    now: number,
  ): Promise<void> {
    await Promise.all(
      next.tenants.flatMap((tenant) => {
        const dimensions = added.get(tenant.id);
        if (dimensions === undefined) return [];
        return [this.budgets.seed(tenant, spent.get(tenant.id) ?? NOTHING_SPENT, now, dimensions)];
      }),
    );
  }

  /**
   * A counter store's answer, or, when it failed, a refusal (fail closed) as a dependency outage,
   * `CountersUnavailableError`. The cause is logged once per outage (the first failure after an answer),
   * not once per refused call, and the first answer after it says the counters are back. `fromStore`
   * tells an answer the store gave from one given without it (a tenant without rates or budgets, an
   * estimate larger than a whole limit): only the first ends an outage. Otherwise, in a fleet where
   * some tenants have no limits, every one of their calls "ended" it, and a Redis outage of 7 s logged
   * the cause with its stack and "answer again" about 520 times each per instance.
   */
  private async counted<T>(work: Promise<T>, fromStore: (answer: T) => boolean = () => true): Promise<T> {
    try {
      const answer = await work;
      if (this.countersFailing && fromStore(answer)) {
        this.countersFailing = false;
        this.logger.log('the rate and budget counters answer again');
      }
      return answer;
    } catch (error) {
      if (!this.countersFailing) {
        this.countersFailing = true;
        this.logger.error(
          { err: error },
          'the rate and budget counters failed: governed calls are refused (503 not_ready) until they answer',
        );
      }
      throw new CountersUnavailableError({ cause: error });
    }
  }

  /** The tenant's spend in the current UTC day and month, e.g. for `GET /usage/me`. */
  spent(principal: Principal): Promise<Record<BudgetDimension, number>> {
    return this.counted(this.budgets.spent(principal.tenant));
  }

  /**
   * The allow-lists of the principal's tenant: the anonymous admin's admit everything; a tenant a reload
   * has just removed keeps the lists it authenticated with, never everything.
   */
  private allowListsOf(principal: Principal): AllowLists {
    if (principal === ANONYMOUS_PRINCIPAL) return ALLOW_ALL;
    return this.allowLists.get(principal.tenant.id) ?? allowListsOf(principal.tenant);
  }
}

function allowListsOf(tenant: TenantConfig): AllowLists {
  return {
    models: new PatternMatcher(tenant.allowed_models),
    knowledgeBases: new PatternMatcher(tenant.allowed_knowledge_bases),
  };
}
