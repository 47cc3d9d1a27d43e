/**
 * The tools a request declared, family-neutral: Converse's `toolConfig` (bedrock-wire.md §3.1) and Claude's
 * `tools` / `tool_choice` (§7.1) both parse into this, so one decision answers both.
 */
export interface ToolSpec {
  name: string;
  /** The tool's JSON Schema (Converse `inputSchema.json`, Claude `input_schema`); read leniently. */
  inputSchema: unknown;
}

/**
 * A tool's name as every family takes it: Converse's `toolSpec.name` (§3.1), Anthropic's client tools,
 * Mistral's functions; error messages quote its `source`.
 */
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Converse has `auto`, `any` and `tool`; Claude adds `none` (§7.1). */
export type ToolChoice =
  { type: 'auto' } | { type: 'any' } | { type: 'none' } | { type: 'tool'; name: string };

export interface ToolRequest {
  specs: ToolSpec[];
  choice: ToolChoice;
  /** The last message carries tool results: the model answers them in text rather than calling again. */
  answersToolResult: boolean;
}
