import { BUDGET_DIMENSIONS, type BudgetDimension } from '../limits/budget-limiter';
import type { GovernanceConfig } from './governance-config.schema';

/** `config` with the given budget dimensions of the given tenants (by id) taken out (a tenant left with no limit has no budgets). */
export function withoutBudgets(
  config: GovernanceConfig,
  removed: ReadonlyMap<string, readonly BudgetDimension[]>,
): GovernanceConfig {
  return {
    ...config,
    tenants: config.tenants.map((tenant) => {
      const dimensions = removed.get(tenant.id);
      if (dimensions === undefined || tenant.budgets === undefined) return tenant;
      const budgets = { ...tenant.budgets };
      for (const dimension of dimensions) delete budgets[dimension];
      const limited = BUDGET_DIMENSIONS.some((dimension) => budgets[dimension] !== undefined);
      return { ...tenant, budgets: limited ? budgets : undefined };
    }),
  };
}
