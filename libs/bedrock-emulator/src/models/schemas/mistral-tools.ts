import { EmulatorError } from '../../errors/emulator-error';
import { base62Of } from '../../generation/hash';
import { TOOL_NAME, type ToolChoice, type ToolRequest, type ToolSpec } from '../../tools/tool-request';
import type { ToolUse } from '../../tools/tool-use';
import { isJsonObject, readArray, readLooseObject, readString } from './body-fields';

const CHOICES = ['auto', 'any', 'none'];

/**
 * Mistral chat's `tools` (`{type:'function', function:{name, description?, parameters}}`) and `tool_choice`
 * (`auto | any | none`, shared/docs/bedrock-wire.md §7.5). A last message with role `tool` is a tool result.
 */
export function readMistralTools(
  tools: unknown,
  toolChoice: unknown,
  messages: unknown,
): ToolRequest | undefined {
  if (tools === undefined || tools === null) return undefined;
  const specs = readArray(tools, 'tools').map((tool, index) => readTool(tool, `tools/${index}`));
  const last = Array.isArray(messages) ? (messages.at(-1) as unknown) : undefined;
  return {
    specs,
    choice: readChoice(toolChoice),
    answersToolResult: isJsonObject(last) && last.role === 'tool',
  };
}

function readTool(tool: unknown, path: string): ToolSpec {
  const fn = readLooseObject(readLooseObject(tool, path).function, `${path}/function`);
  const name = readString(fn.name, `${path}/function/name`);
  // Mistral's function-name rule is the same; its refusal as quoted in Kochava-Studios/witsy#164.
  if (!TOOL_NAME.test(name)) {
    throw EmulatorError.validation(
      `Function name was ${shortened(name)} but must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64.`,
    );
  }
  return { name, inputSchema: fn.parameters };
}

/** A refused name is echoed, but not 40,000 characters of it. */
function shortened(name: string): string {
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

function readChoice(value: unknown): ToolChoice {
  if (value === undefined || value === null) return { type: 'auto' };
  const choice = readString(value, 'tool_choice');
  if (!CHOICES.includes(choice))
    throw EmulatorError.malformedInput(`#/tool_choice: ${choice} is not a valid enum value`);
  return { type: choice === 'any' ? 'any' : choice === 'none' ? 'none' : 'auto' };
}

/** A Mistral tool call: a 9-character id (`v6RMMiRlT` in §7.5) and the arguments as a JSON string. */
export function mistralToolCalls(toolUse: ToolUse): Record<string, unknown>[] {
  return [{ id: base62Of(toolUse.idSeed, 9), function: { name: toolUse.name, arguments: toolUse.json } }];
}
