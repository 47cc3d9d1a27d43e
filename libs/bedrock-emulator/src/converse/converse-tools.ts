import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { constraintError, requireArray, requireStructure, unionMember } from './converse-validation';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const TOOL_CHOICES = ['auto', 'any', 'tool'];

/**
 * Converse's `toolConfig` (bedrock-wire.md §3.1): at least one tool, each a union of `toolSpec` (a
 * name of 1–64 `[a-zA-Z0-9_-]` and an `inputSchema.json` document), `systemTool` or `cachePoint`; an
 * optional `toolChoice` of `auto`, `any` or `tool {name}`. Which models take tools, and whether in
 * ConverseStream too, is the catalog's `converseTools` (§8.1). The emulator's answers are text, so a valid
 * configuration changes nothing else.
 */
export function checkToolConfig(
  model: CatalogModel,
  value: unknown,
  operation: 'converse' | 'converse-stream',
): void {
  if (value === undefined) return;
  const config = requireStructure(value, 'toolConfig');
  const tools = requireArray(config.tools, 'toolConfig.tools');
  if (tools.length === 0) {
    throw constraintError('toolConfig.tools', tools, 'Member must have length greater than or equal to 1');
  }
  if (model.converseTools === 'none') throw EmulatorError.validation("This model doesn't support tool use.");
  if (model.converseTools === 'blocking' && operation === 'converse-stream') {
    throw EmulatorError.validation("This model doesn't support tool use in streaming mode.");
  }
  tools.forEach((tool, index) => checkTool(tool, `toolConfig.tools.${index}.member`));
  if (config.toolChoice !== undefined) checkToolChoice(config.toolChoice);
}

function checkTool(tool: unknown, field: string): void {
  const [kind, member] = unionMember(tool, field);
  if (kind === 'cachePoint' || kind === 'systemTool') return;
  if (kind !== 'toolSpec')
    throw constraintError(field, tool, 'Member must have exactly one union member set');
  const spec = requireStructure(member, `${field}.toolSpec`);
  checkToolName(spec.name, `${field}.toolSpec.name`);
  const schema = requireStructure(spec.inputSchema, `${field}.toolSpec.inputSchema`);
  unionMember(schema, `${field}.toolSpec.inputSchema`);
}

function checkToolChoice(value: unknown): void {
  const [kind, member] = unionMember(value, 'toolConfig.toolChoice');
  if (!TOOL_CHOICES.includes(kind)) {
    throw constraintError('toolConfig.toolChoice', value, 'Member must have exactly one union member set');
  }
  if (kind === 'tool') {
    checkToolName(
      requireStructure(member, 'toolConfig.toolChoice.tool').name,
      'toolConfig.toolChoice.tool.name',
    );
  }
}

function checkToolName(name: unknown, field: string): void {
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw constraintError(field, name, `Member must satisfy regular expression pattern: ${TOOL_NAME.source}`);
  }
}
