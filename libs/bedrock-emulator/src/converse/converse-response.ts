import type { Generation } from '../generation/text-generator';
import type { ConverseStreamEvent } from '../models/model-behaviour.types';

/**
 * The Converse body (shared/docs/bedrock-wire.md §3.2). The canonical stop reasons are members of
 * Converse's `stopReason` enum as they are. `metrics.latencyMs` is a placeholder the transport fills in.
 * `responseFields` are the `additionalModelResponseFields` picked from the native answer, if any.
 */
export function renderConverseBody(
  generation: Generation,
  responseFields?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    output: { message: { role: 'assistant', content: [{ text: generation.text }] } },
    stopReason: generation.stopReason,
    usage: usageOf(generation),
    metrics: { latencyMs: 0 },
    ...withResponseFields(responseFields),
  };
}

/**
 * ConverseStream events in the order real traffic shows (§3.3): messageStart, contentBlockDelta×N,
 * contentBlockStop, messageStop, metadata. No contentBlockStart is sent for a plain text block.
 */
export function renderConverseEvents(
  generation: Generation,
  responseFields?: Record<string, unknown>,
): ConverseStreamEvent[] {
  return [
    { type: 'messageStart', payload: { role: 'assistant' } },
    ...generation.deltas.map((piece): ConverseStreamEvent => ({
      type: 'contentBlockDelta',
      payload: { contentBlockIndex: 0, delta: { text: piece.text } },
    })),
    { type: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
    {
      type: 'messageStop',
      payload: { stopReason: generation.stopReason, ...withResponseFields(responseFields) },
    },
    { type: 'metadata', payload: { usage: usageOf(generation), metrics: { latencyMs: 0 } } },
  ];
}

function withResponseFields(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  return fields === undefined ? {} : { additionalModelResponseFields: fields };
}

function usageOf(generation: Generation): Record<string, number> {
  return {
    inputTokens: generation.inputTokens,
    outputTokens: generation.outputTokens,
    totalTokens: generation.inputTokens + generation.outputTokens,
  };
}
