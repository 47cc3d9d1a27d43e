import type { Generation } from '../generation/text-generator';
import type { ConverseStreamEvent } from '../models/model-behaviour.types';
import type { ToolUse } from '../tools/tool-use';
import { toolUseBlock, toolUseEvents } from './converse-tool-use';

/**
 * The Converse body (shared/docs/bedrock-wire.md §3.2). The canonical stop reasons are members of
 * Converse's `stopReason` enum as they are. `metrics.latencyMs` is a placeholder the transport fills in.
 * `responseFields` are the `additionalModelResponseFields` picked from the native answer, if any.
 * A `toolUse` answers instead of the text, with stop reason `tool_use`.
 */
export function renderConverseBody(
  generation: Generation,
  responseFields?: Record<string, unknown>,
  toolUse?: ToolUse,
): Record<string, unknown> {
  const content = toolUse === undefined ? [{ text: generation.text }] : [toolUseBlock(toolUse)];
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: toolUse === undefined ? generation.stopReason : 'tool_use',
    usage: usageOf(toolUse ?? generation),
    metrics: { latencyMs: 0 },
    ...withResponseFields(responseFields),
  };
}

/**
 * ConverseStream events in the order real traffic shows (§3.3): messageStart, contentBlockDelta×N,
 * contentBlockStop, messageStop, metadata. No contentBlockStart is sent for a plain text block; a tool call
 * has one (converse-tool-use.ts).
 */
export function renderConverseEvents(
  generation: Generation,
  responseFields?: Record<string, unknown>,
  toolUse?: ToolUse,
): ConverseStreamEvent[] {
  const stopReason = toolUse === undefined ? generation.stopReason : 'tool_use';
  return [
    { type: 'messageStart', payload: { role: 'assistant' } },
    ...(toolUse === undefined ? textEvents(generation) : toolUseEvents(toolUse)),
    { type: 'messageStop', payload: { stopReason, ...withResponseFields(responseFields) } },
    { type: 'metadata', payload: { usage: usageOf(toolUse ?? generation), metrics: { latencyMs: 0 } } },
  ];
}

function textEvents(generation: Generation): ConverseStreamEvent[] {
  return [
    ...generation.deltas.map((piece): ConverseStreamEvent => ({
      type: 'contentBlockDelta',
      payload: { contentBlockIndex: 0, delta: { text: piece.text } },
    })),
    { type: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
  ];
}

function withResponseFields(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  return fields === undefined ? {} : { additionalModelResponseFields: fields };
}

function usageOf({
  inputTokens,
  outputTokens,
}: Pick<Generation, 'inputTokens' | 'outputTokens'>): Record<string, number> {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
