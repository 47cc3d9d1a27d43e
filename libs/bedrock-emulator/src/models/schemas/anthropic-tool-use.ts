import { claudeToolUseId } from '../../tools/tool-ids';
import type { ToolUse } from '../../tools/tool-use';

/** The `tool_use` content block of a Claude answer (bedrock-wire.md §7.1). */
export function toolUseContent(toolUse: ToolUse): Record<string, unknown> {
  return { type: 'tool_use', id: claudeToolUseId(toolUse.idSeed), name: toolUse.name, input: toolUse.input };
}

/**
 * A tool call in Claude's stream (§2.6): content_block_start with an empty `input`, then `input_json_delta`
 * chunks whose `partial_json` concatenate to the input JSON, then content_block_stop.
 */
export function toolUseChunks(toolUse: ToolUse): Record<string, unknown>[] {
  return [
    { type: 'content_block_start', index: 0, content_block: { ...toolUseContent(toolUse), input: {} } },
    ...toolUse.fragments.map((partial) => ({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: partial },
    })),
    { type: 'content_block_stop', index: 0 },
  ];
}
