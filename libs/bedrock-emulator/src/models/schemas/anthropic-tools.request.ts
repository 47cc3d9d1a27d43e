import { EmulatorError } from '../../errors/emulator-error';
import { TOOL_NAME, type ToolChoice, type ToolRequest, type ToolSpec } from '../../tools/tool-request';
import { isJsonObject, readArray, readLooseObject, readString } from './body-fields';

const CHOICES = ['auto', 'any', 'tool', 'none'];

/**
 * Claude's `tools` and `tool_choice` (shared/docs/bedrock-wire.md §7.1). Client tools are `{name,
 * input_schema, description?}`; a tool with another `type` (Anthropic's server tools: bash, text editor…)
 * is valid but nothing the emulator can call. The messages are Anthropic's, passed on by Bedrock; the
 * unknown-tool one is the emulator's own wording.
 */
export function readAnthropicTools(
  tools: unknown,
  toolChoice: unknown,
  messages: unknown,
): ToolRequest | undefined {
  if (tools === undefined) {
    if (toolChoice !== undefined)
      throw EmulatorError.validation('tool_choice may only be specified while providing tools.');
    return undefined;
  }
  const specs = readArray(tools, 'tools').flatMap((tool, index) => readTool(tool, index));
  const choice = toolChoice === undefined ? { type: 'auto' as const } : readChoice(toolChoice);
  if (choice.type === 'tool' && !specs.some((spec) => spec.name === choice.name)) {
    throw EmulatorError.validation(`tool_choice.name: tool '${choice.name}' was not found in tools.`);
  }
  return { specs, choice, answersToolResult: endsWithToolResult(messages) };
}

function readTool(tool: unknown, index: number): ToolSpec[] {
  const path = `tools/${index}`;
  const fields = readLooseObject(tool, path);
  if (fields.type !== undefined && fields.type !== 'custom') return [];
  const name = readString(fields.name, `${path}/name`);
  // Anthropic's rule for a client tool's name, in its own error message (Claude 3 era on Bedrock: 64).
  if (!TOOL_NAME.test(name)) {
    throw EmulatorError.validation(
      `tools.${index}.custom.name: String should match pattern '${TOOL_NAME.source}'`,
    );
  }
  return [{ name, inputSchema: readLooseObject(fields.input_schema, `${path}/input_schema`) }];
}

function readChoice(value: unknown): ToolChoice {
  const fields = readLooseObject(value, 'tool_choice');
  const type = readString(fields.type, 'tool_choice/type');
  if (!CHOICES.includes(type)) {
    throw EmulatorError.malformedInput(`#/tool_choice/type: ${type} is not a valid enum value`);
  }
  if (type === 'tool') return { type, name: readString(fields.name, 'tool_choice/name') };
  return { type: type === 'any' ? 'any' : type === 'none' ? 'none' : 'auto' };
}

function endsWithToolResult(messages: unknown): boolean {
  const last = Array.isArray(messages) ? (messages.at(-1) as unknown) : undefined;
  const content = isJsonObject(last) && Array.isArray(last.content) ? (last.content as unknown[]) : [];
  return content.some((block) => isJsonObject(block) && block.type === 'tool_result');
}
