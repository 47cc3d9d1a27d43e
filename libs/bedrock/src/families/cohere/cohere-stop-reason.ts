import type { StopReason } from '../family-strategy';
import { normaliseStopReason, type StopReasonTable } from '../stop-reason';

/** Cohere `finish_reason` values (bedrock-wire.md §7.6). */
const COHERE_STOP_REASONS: StopReasonTable = {
  COMPLETE: 'end_turn',
  MAX_TOKENS: 'max_tokens',
  STOP_SEQUENCE: 'stop_sequence',
  ERROR_TOXIC: 'content_filtered',
  ERROR: 'other',
  ERROR_LIMIT: 'other',
  USER_CANCEL: 'other',
};

export function cohereStopReason(native: string | null | undefined): StopReason {
  return normaliseStopReason(COHERE_STOP_REASONS, native);
}
