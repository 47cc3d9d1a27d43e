import {
  BUDGET_DIMENSIONS,
  budgetWindowOf,
  type BudgetDimension,
  type GovernanceService,
  type Principal,
} from '@app/governance';

export interface BudgetLine {
  limit: number;
  /** Actual spend in the current window (in-flight calls count at their estimate until they settle). */
  spent: number;
  /** Never negative: a `warn`-mode tenant can spend past its limit. */
  remaining: number;
  /** ISO-8601 start of the next window (00:00 UTC; the 1st of the month for `monthly_usd`, `monthly_tokens`). */
  resets_at: string;
}

/** The `budget` of `GET /usage/me`: one line per configured limit. */
export type RemainingBudget = { mode: 'deny' | 'warn' } & Partial<Record<BudgetDimension, BudgetLine>>;

/** What the caller's tenant has left of each budget; null when the tenant has no budget. */
export async function remainingBudget(
  governance: GovernanceService,
  principal: Principal,
  now = Date.now(),
): Promise<RemainingBudget | null> {
  const budgets = principal.tenant.budgets;
  if (!budgets) return null;
  const spent = await governance.spent(principal);
  const result: RemainingBudget = { mode: budgets.mode };
  for (const dimension of BUDGET_DIMENSIONS) {
    const limit = budgets[dimension];
    if (limit === undefined) continue;
    const window = budgetWindowOf(dimension, now);
    result[dimension] = {
      limit,
      spent: toMicro(spent[dimension]),
      remaining: Math.max(0, toMicro(limit - spent[dimension])),
      resets_at: new Date(window.resetsAt).toISOString(),
    };
  }
  return result;
}

/** Budgets count whole micro-dollars; rounding there drops float noise (25 - 0.1 = 24.9, not 24.900000000000002). */
function toMicro(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
