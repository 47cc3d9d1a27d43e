import type { StopReason } from './family-strategy';

/** A family's native stop reasons mapped onto the normalised set. */
export type StopReasonTable = Readonly<Record<string, StopReason>>;

/** Unknown or missing native reasons become `other` rather than failing the request. */
export function normaliseStopReason(table: StopReasonTable, native: string | null | undefined): StopReason {
  if (native === null || native === undefined || !Object.hasOwn(table, native)) return 'other';
  return table[native] ?? 'other';
}
