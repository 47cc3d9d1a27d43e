import type { StopReason } from '../family-strategy';
import { normaliseStopReason, type StopReasonTable } from '../stop-reason';

/**
 * Mistral `stop_reason` for both native forms (bedrock-wire.md §7.4–7.5). `stop` also covers a
 * matched stop sequence: Mistral does not tell the two apart.
 */
const MISTRAL_STOP_REASONS: StopReasonTable = {
  stop: 'end_turn',
  length: 'max_tokens',
  model_length: 'max_tokens',
  tool_calls: 'other',
};

export function mistralStopReason(native: string | null | undefined): StopReason {
  return normaliseStopReason(MISTRAL_STOP_REASONS, native);
}
