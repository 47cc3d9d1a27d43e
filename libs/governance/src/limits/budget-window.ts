/** A UTC calendar window: a day (resets at 00:00 UTC) or a month (resets on the 1st at 00:00 UTC). */
export interface BudgetWindow {
  /** `2024-01-15` or `2024-01`; part of the counter key, so a new window starts from zero. */
  id: string;
  /** Epoch milliseconds when this window started. */
  startsAt: number;
  /** Epoch milliseconds when the next window starts. */
  resetsAt: number;
}

export function utcDay(now: number): BudgetWindow {
  const date = new Date(now);
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  return {
    id: date.toISOString().slice(0, 10),
    startsAt: Date.UTC(year, month, day),
    resetsAt: Date.UTC(year, month, day + 1),
  };
}

export function utcMonth(now: number): BudgetWindow {
  const date = new Date(now);
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
  return {
    id: date.toISOString().slice(0, 7),
    startsAt: Date.UTC(year, month, 1),
    resetsAt: Date.UTC(year, month + 1, 1),
  };
}

/** Whole seconds until the window resets, at least 1 (a valid Retry-After). */
export function secondsUntil(window: BudgetWindow, now: number): number {
  return Math.max(1, Math.ceil((window.resetsAt - now) / 1000));
}
