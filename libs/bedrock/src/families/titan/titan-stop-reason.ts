import type { StopReason } from '../family-strategy';
import { normaliseStopReason, type StopReasonTable } from '../stop-reason';

/**
 * Titan `completionReason` values. The docs say `FINISHED`, real responses say `FINISH`
 * (bedrock-wire.md §7.2), so both are accepted.
 */
const TITAN_STOP_REASONS: StopReasonTable = {
  FINISH: 'end_turn',
  FINISHED: 'end_turn',
  LENGTH: 'max_tokens',
  STOP_CRITERIA_MET: 'stop_sequence',
  CONTENT_FILTERED: 'content_filtered',
  RAG_QUERY_WHEN_RAG_DISABLED: 'other',
};

export function titanStopReason(native: string | null | undefined): StopReason {
  return normaliseStopReason(TITAN_STOP_REASONS, native);
}
