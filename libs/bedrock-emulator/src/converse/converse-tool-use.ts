import type { ConverseStreamEvent } from '../models/model-behaviour.types';
import { converseToolUseId } from '../tools/tool-ids';
import type { ToolUse } from '../tools/tool-use';

/** The `toolUse` content block of a Converse answer (bedrock-wire.md §3.2). */
export function toolUseBlock(toolUse: ToolUse): Record<string, unknown> {
  return {
    toolUse: { toolUseId: converseToolUseId(toolUse.idSeed), name: toolUse.name, input: toolUse.input },
  };
}

/**
 * A tool call in ConverseStream (§3.3): contentBlockStart names the call, contentBlockDelta×N carry the
 * input as JSON fragments that concatenate to the document, contentBlockStop closes it.
 */
export function toolUseEvents(toolUse: ToolUse): ConverseStreamEvent[] {
  const start = { toolUse: { toolUseId: converseToolUseId(toolUse.idSeed), name: toolUse.name } };
  return [
    { type: 'contentBlockStart', payload: { contentBlockIndex: 0, start } },
    ...toolUse.fragments.map((input): ConverseStreamEvent => ({
      type: 'contentBlockDelta',
      payload: { contentBlockIndex: 0, delta: { toolUse: { input } } },
    })),
    { type: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
  ];
}
