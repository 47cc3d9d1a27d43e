import type { CanonicalPrompt } from '../generation/canonical-prompt';
import { mergeDeltas, splitIntoDeltas } from '../generation/delta-pieces';
import { countPromptTokens } from '../generation/text-generator';
import { countTokens } from '../generation/tokenizer';
import { inputFromSchema } from './schema-input';
import type { ToolRequest, ToolSpec } from './tool-request';

/** A tool call the emulator answers with instead of text. */
export interface ToolUse {
  name: string;
  input: Record<string, unknown>;
  /** `JSON.stringify(input)`; `fragments` concatenate to it (stream deltas). */
  json: string;
  fragments: string[];
  /** What the family's id (`tooluse_…`, `toolu_bdrk_…`) is derived from: the same request, the same id. */
  idSeed: string;
  inputTokens: number;
  outputTokens: number;
}

/** A scripted rule's tool call (scripts/script-rule.ts): used as given, no schema involved. */
export interface ScriptedToolUse {
  name: string;
  input: Record<string, unknown>;
}

/** Stream fragments hold up to this many tokens of the input JSON (real ones are a few tokens each). */
const FRAGMENT_TOKENS = 4;

/**
 * Whether the model calls a tool, and with what (deterministic). Never when the request declared no tools,
 * chose `none`, or its last message carries tool results (then it answers them in text, even when the
 * choice is forced, so a toolUse → toolResult loop ends). Otherwise a scripted call wins; `any` calls the
 * first tool, `tool` the named one, and `auto` the first declared tool whose name the last user message
 * contains as a whole word (case-insensitive); `auto` with no tool named answers text.
 */
export function decideToolUse(
  modelId: string,
  prompt: CanonicalPrompt,
  scripted?: ScriptedToolUse,
): ToolUse | undefined {
  const tools = prompt.tools;
  if (tools === undefined || tools.choice.type === 'none' || tools.answersToolResult) return undefined;
  if (scripted !== undefined) return toolUseOf(modelId, prompt, scripted.name, scripted.input);
  const question = lastUserText(prompt);
  const spec = chosenSpec(tools, question);
  if (spec === undefined) return undefined;
  const words = promptWords(question, tools.specs);
  return toolUseOf(modelId, prompt, spec.name, inputFromSchema(spec.inputSchema, words));
}

function chosenSpec(tools: ToolRequest, question: string): ToolSpec | undefined {
  const { choice, specs } = tools;
  switch (choice.type) {
    case 'any':
      return specs[0];
    case 'tool':
      return specs.find((spec) => spec.name === choice.name);
    case 'auto':
      return specs.find((spec) => namesTool(question, spec.name));
    case 'none':
      return undefined;
  }
}

const NAME_CHARACTER = /[A-Za-z0-9_-]/;

/**
 * Whether `text` holds `name` as a whole word, case-insensitive. Scanned with indexOf rather than a regex
 * built from the name: a caller's name of 33,000 characters made "Regular expression too large" (500),
 * and a name is data, never a pattern.
 */
function namesTool(text: string, name: string): boolean {
  const haystack = text.toLowerCase();
  const needle = name.toLowerCase();
  if (needle === '' || needle.length > haystack.length) return false;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack.charAt(at - 1);
    const after = haystack.charAt(at + needle.length);
    if (!NAME_CHARACTER.test(before) && !NAME_CHARACTER.test(after)) return true;
  }
  return false;
}

/**
 * Words a string argument is taken from: capitalised words past the first (names such as `Paris`), else
 * the question's longer words; tool names are left out, since they name the call, not its arguments.
 */
export function promptWords(text: string, specs: readonly ToolSpec[]): string[] {
  const names = new Set(specs.map((spec) => spec.name.toLowerCase()));
  const words = (text.match(/[\p{L}\p{N}_-]+/gu) ?? []).filter((word) => !names.has(word.toLowerCase()));
  const proper = words.slice(1).filter((word) => /^\p{Lu}[\p{L}\p{N}_-]+$/u.test(word));
  if (proper.length > 0) return [...new Set(proper)];
  return [...new Set(words.filter((word) => word.length >= 5))];
}

function toolUseOf(
  modelId: string,
  prompt: CanonicalPrompt,
  name: string,
  input: Record<string, unknown>,
): ToolUse {
  const json = JSON.stringify(input);
  return {
    name,
    input,
    json,
    fragments: mergeDeltas(splitIntoDeltas(json), FRAGMENT_TOKENS).map((piece) => piece.text),
    idSeed: JSON.stringify([modelId, prompt.system, prompt.turns, name, json]),
    inputTokens: countPromptTokens(prompt),
    // The call's name and arguments are what the model writes.
    outputTokens: countTokens(name) + countTokens(json),
  };
}

function lastUserText(prompt: CanonicalPrompt): string {
  return [...prompt.turns].reverse().find((turn) => turn.role === 'user')?.text ?? '';
}
