import type { Generation } from '../generation/text-generator';
import type { ConverseStreamEvent } from '../models/model-behaviour.types';

/**
 * The Converse body (shared/docs/bedrock-wire.md §3.2). The canonical stop reasons are members of
 * Converse's `stopReason` enum as they are. `metrics.latencyMs` is a placeholder the transport fills in.
 */
export function renderConverseBody(generation: Generation): Record<string, unknown> {
  return {
    output: { message: { role: 'assistant', content: [{ text: generation.text }] } },
    stopReason: generation.stopReason,
    usage: usageOf(generation),
    metrics: { latencyMs: 0 },
  };
}

/**
 * ConverseStream events in the order real traffic shows (§3.3): messageStart, contentBlockDelta×N,
 * contentBlockStop, messageStop, metadata. No contentBlockStart is sent for a plain text block.
 */
export function renderConverseEvents(generation: Generation): ConverseStreamEvent[] {
  return [
    { type: 'messageStart', payload: { role: 'assistant' } },
    ...generation.deltas.map((piece): ConverseStreamEvent => ({
      type: 'contentBlockDelta',
      payload: { contentBlockIndex: 0, delta: { text: piece.text } },
    })),
    { type: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
    { type: 'messageStop', payload: { stopReason: generation.stopReason } },
    { type: 'metadata', payload: { usage: usageOf(generation), metrics: { latencyMs: 0 } } },
  ];
}

function usageOf(generation: Generation): Record<string, number> {
  return {
    inputTokens: generation.inputTokens,
    outputTokens: generation.outputTokens,
    totalTokens: generation.inputTokens + generation.outputTokens,
  };
}
