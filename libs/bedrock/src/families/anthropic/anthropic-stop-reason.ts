import type { StopReason } from '../family-strategy';
import { normaliseStopReason, type StopReasonTable } from '../stop-reason';

/**
 * Claude `stop_reason` values (bedrock-wire.md §7.1). `model_context_window_exceeded` also cuts the
 * answer short, so it maps to `max_tokens`; tool use and `pause_turn` are `other`.
 */
const ANTHROPIC_STOP_REASONS: StopReasonTable = {
  end_turn: 'end_turn',
  max_tokens: 'max_tokens',
  model_context_window_exceeded: 'max_tokens',
  stop_sequence: 'stop_sequence',
  refusal: 'content_filtered',
  tool_use: 'other',
  pause_turn: 'other',
};

export function anthropicStopReason(native: string | null | undefined): StopReason {
  return normaliseStopReason(ANTHROPIC_STOP_REASONS, native);
}
