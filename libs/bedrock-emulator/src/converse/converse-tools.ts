import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { TOOL_NAME, type ToolChoice, type ToolSpec } from '../tools/tool-request';
import { constraintError, requireArray, requireStructure, unionMember } from './converse-validation';

const TOOL_CHOICES = ['auto', 'any', 'tool'];

/**
 * Converse's `toolConfig` (bedrock-wire.md §3.1): at least one tool, each a union of `toolSpec` (a
 * name of 1–64 `[a-zA-Z0-9_-]` and an `inputSchema.json` document), `systemTool` or `cachePoint`; an
 * optional `toolChoice` of `auto`, `any` or `tool {name}`. Which models take tools, and whether in
 * ConverseStream too, is the catalog's `converseTools` (§8.1). A `tool` choice must name a declared tool.
 */
export function readToolConfig(
  model: CatalogModel,
  value: unknown,
  operation: 'converse' | 'converse-stream',
): { specs: ToolSpec[]; choice: ToolChoice } | undefined {
  if (value === undefined) return undefined;
  const config = requireStructure(value, 'toolConfig');
  const tools = requireArray(config.tools, 'toolConfig.tools');
  if (tools.length === 0) {
    throw constraintError('toolConfig.tools', tools, 'Member must have length greater than or equal to 1');
  }
  if (model.converseTools === 'none') throw EmulatorError.validation("This model doesn't support tool use.");
  if (model.converseTools === 'blocking' && operation === 'converse-stream') {
    throw EmulatorError.validation("This model doesn't support tool use in streaming mode.");
  }
  const specs = tools.flatMap((tool, index) => readTool(tool, `toolConfig.tools.${index}.member`));
  const choice: ToolChoice =
    config.toolChoice === undefined ? { type: 'auto' } : readToolChoice(config.toolChoice);
  if (choice.type === 'tool' && !specs.some((spec) => spec.name === choice.name)) {
    // Emulator wording (Bedrock's exact message is not in the reference): the 400 is what matters.
    throw EmulatorError.validation(
      `The tool ${choice.name} in toolConfig.toolChoice.tool.name isn't in toolConfig.tools. Specify a tool that you defined in toolConfig.tools and try again.`,
    );
  }
  return { specs, choice };
}

/** A `toolSpec`; `systemTool` and `cachePoint` entries are valid but nothing the emulator can call. */
function readTool(tool: unknown, field: string): ToolSpec[] {
  const [kind, member] = unionMember(tool, field);
  if (kind === 'cachePoint' || kind === 'systemTool') return [];
  if (kind !== 'toolSpec')
    throw constraintError(field, tool, 'Member must have exactly one union member set');
  const spec = requireStructure(member, `${field}.toolSpec`);
  const name = readToolName(spec.name, `${field}.toolSpec.name`);
  const schema = requireStructure(spec.inputSchema, `${field}.toolSpec.inputSchema`);
  const [, json] = unionMember(schema, `${field}.toolSpec.inputSchema`);
  return [{ name, inputSchema: json }];
}

function readToolChoice(value: unknown): ToolChoice {
  const [kind, member] = unionMember(value, 'toolConfig.toolChoice');
  if (!TOOL_CHOICES.includes(kind)) {
    throw constraintError('toolConfig.toolChoice', value, 'Member must have exactly one union member set');
  }
  if (kind !== 'tool') return { type: kind === 'any' ? 'any' : 'auto' };
  const name = readToolName(
    requireStructure(member, 'toolConfig.toolChoice.tool').name,
    'toolConfig.toolChoice.tool.name',
  );
  return { type: 'tool', name };
}

function readToolName(name: unknown, field: string): string {
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw constraintError(field, name, `Member must satisfy regular expression pattern: ${TOOL_NAME.source}`);
  }
  return name;
}

/**
 * Bedrock refuses a conversation whose messages hold `toolUse` or `toolResult` blocks when the request has no
 * `toolConfig`, even if no tool is to be called now (the message is Bedrock's own, as reported in
 * langgenius/dify#16421 and worked around in vercel/ai#7537). Runs after the blocks themselves were validated.
 */
export function checkToolBlocksHaveConfig(messages: readonly unknown[], toolConfig: unknown): void {
  if (toolConfig !== undefined || !messages.some(holdsToolBlock)) return;
  throw EmulatorError.validation(
    'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
  );
}

function holdsToolBlock(message: unknown): boolean {
  const content = (message as { content?: unknown }).content;
  return (
    Array.isArray(content) &&
    content.some(
      (block) => typeof block === 'object' && block !== null && ('toolUse' in block || 'toolResult' in block),
    )
  );
}
