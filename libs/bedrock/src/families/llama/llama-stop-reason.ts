import type { StopReason } from '../family-strategy';
import { normaliseStopReason, type StopReasonTable } from '../stop-reason';

/** Llama `stop_reason` ∈ `stop | length` (bedrock-wire.md §7.3). */
const LLAMA_STOP_REASONS: StopReasonTable = { stop: 'end_turn', length: 'max_tokens' };

export function llamaStopReason(native: string | null | undefined): StopReason {
  return normaliseStopReason(LLAMA_STOP_REASONS, native);
}
