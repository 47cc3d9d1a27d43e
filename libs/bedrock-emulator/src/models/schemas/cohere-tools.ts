import type { ToolRequest, ToolSpec } from '../../tools/tool-request';
import type { ToolUse } from '../../tools/tool-use';
import { type JsonObject, readArray, readLooseObject, readString } from './body-fields';

/**
 * Command R's `tools` (`{name, description, parameter_definitions: {p: {type, description, required}}}`) and
 * `tool_results` (shared/docs/bedrock-wire.md §7.6). Cohere has no tool choice, so every request is `auto`;
 * a body with `tool_results` is the turn after the call, answered in text.
 */
export function readCohereTools(tools: unknown, toolResults: unknown): ToolRequest | undefined {
  if (tools === undefined || tools === null) return undefined;
  const specs = readArray(tools, 'tools').map((tool, index) => readTool(tool, `tools/${index}`));
  const results =
    toolResults === undefined || toolResults === null ? [] : readArray(toolResults, 'tool_results');
  return { specs, choice: { type: 'auto' }, answersToolResult: results.length > 0 };
}

function readTool(tool: unknown, path: string): ToolSpec {
  const fields = readLooseObject(tool, path);
  const name = readString(fields.name, `${path}/name`);
  const definitionsPath = `${path}/parameter_definitions`;
  const definitions =
    fields.parameter_definitions === undefined
      ? {}
      : readLooseObject(fields.parameter_definitions, definitionsPath);
  for (const [parameter, definition] of Object.entries(definitions))
    readLooseObject(definition, `${definitionsPath}/${parameter}`);
  return { name, inputSchema: parameterSchema(definitions as Record<string, JsonObject>) };
}

/**
 * `parameter_definitions` as the JSON Schema the shared input generator reads. Cohere's types are Python
 * names (`str`, `int`, `float`, `bool`, `list`/`List[str]`, `dict`/`Dict[…]`); an unknown one is a string.
 * Only `required: true` parameters are filled; when none is required all are, as for a JSON Schema
 * without `required` (an empty call exercises nothing).
 */
export function parameterSchema(definitions: Record<string, JsonObject>): Record<string, unknown> {
  const entries = Object.entries(definitions);
  const properties = Object.fromEntries(
    entries.map(([name, definition]) => [name, typeSchema(typeOf(definition))]),
  );
  const required = entries.filter(([, definition]) => definition.required === true).map(([name]) => name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function typeOf(definition: JsonObject): string {
  return typeof definition.type === 'string' ? definition.type.trim() : 'str';
}

function typeSchema(type: string): Record<string, unknown> {
  const list = /^(?:list|List)(?:\[(.*)\])?$/.exec(type);
  if (list) return { type: 'array', items: typeSchema(list[1]?.trim() || 'str') };
  if (/^(?:dict|Dict)(?:\[.*\])?$/.test(type)) return { type: 'object', properties: {} };
  switch (type.toLowerCase()) {
    case 'int':
    case 'integer':
      return { type: 'integer' };
    case 'float':
    case 'number':
      return { type: 'number' };
    case 'bool':
    case 'boolean':
      return { type: 'boolean' };
    default:
      return { type: 'string' };
  }
}

/** Cohere's v1 tool call: `{name, parameters}`, no id (§7.6). */
export function cohereToolCalls(toolUse: ToolUse): Record<string, unknown>[] {
  return [{ name: toolUse.name, parameters: toolUse.input }];
}
