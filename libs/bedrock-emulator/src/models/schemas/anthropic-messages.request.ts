import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../../errors/emulator-error';
import { checkExclusiveSampling } from '../exclusive-sampling';
import type { CanonicalPrompt, PromptTurn } from '../../generation/canonical-prompt';
import {
  optionalNumberInRange,
  optionalStringArray,
  readArray,
  readLooseObject,
  readMaxTokens,
  readObject,
  readString,
} from './body-fields';
import { readAnthropicTools } from './anthropic-tools.request';

/** Bedrock validates Claude bodies against a closed JSON schema (shared/docs/bedrock-wire.md §7.1). */
const ALLOWED_KEYS = [
  'anthropic_version',
  'anthropic_beta',
  'max_tokens',
  'system',
  'messages',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'tools',
  'tool_choice',
  'thinking',
] as const;
const REQUIRED_KEYS = ['anthropic_version', 'max_tokens', 'messages'] as const;
export const ANTHROPIC_VERSION = 'bedrock-2023-05-31';

export function parseAnthropicMessages(model: CatalogModel, body: unknown): CanonicalPrompt {
  const request = readObject(body, '', ALLOWED_KEYS, REQUIRED_KEYS);
  const version = readString(request.anthropic_version, 'anthropic_version');
  if (version !== ANTHROPIC_VERSION) {
    throw EmulatorError.malformedInput(`#/anthropic_version: ${version} is not a valid enum value`);
  }
  optionalNumberInRange(request.top_k, 'top_k', 0, Number.MAX_SAFE_INTEGER);
  const tools = readAnthropicTools(request.tools, request.tool_choice, request.messages);
  const prompt: CanonicalPrompt = {
    system: systemText(request.system),
    turns: readTurns(request.messages),
    maxTokens: readMaxTokens(model, request.max_tokens, 'max_tokens'),
    temperature: optionalNumberInRange(request.temperature, 'temperature', 0, 1),
    topP: optionalNumberInRange(request.top_p, 'top_p', 0, 1),
    stopSequences: readStopSequences(request.stop_sequences),
    documents: [],
    ...(tools === undefined ? {} : { tools }),
  };
  checkExclusiveSampling(model, 'invoke', prompt.temperature, prompt.topP);
  return prompt;
}

/** Anthropic refuses a stop sequence of whitespace only, such as `"\n"` (continuedev/continue#1660). */
function readStopSequences(value: unknown): string[] {
  const stops = optionalStringArray(value, 'stop_sequences');
  if (stops.some((stop) => !/\S/.test(stop))) {
    throw EmulatorError.validation('stop_sequences: each stop sequence must contain non-whitespace');
  }
  return stops;
}

function systemText(system: unknown): string {
  if (system === undefined || typeof system === 'string') return system ?? '';
  return readArray(system, 'system')
    .map((block, index) =>
      readString(
        readObject(block, `system/${index}`, ['type', 'text', 'cache_control'], ['type', 'text']).text,
        `system/${index}/text`,
      ),
    )
    .join('\n');
}

/** Messages must be non-empty, start with `user` and alternate (the Anthropic API's own messages). */
function readTurns(messages: unknown): PromptTurn[] {
  const turns = readArray(messages, 'messages').map((message, index) => readTurn(message, index));
  if (turns.length === 0) throw EmulatorError.validation('messages: at least one message is required');
  if (turns[0]?.role !== 'user')
    throw EmulatorError.validation('messages: first message must use the "user" role');
  turns.forEach((turn, index) => {
    if (index > 0 && turns[index - 1]?.role === turn.role) {
      throw EmulatorError.validation(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${turn.role}" roles in a row`,
      );
    }
  });
  checkFinalAssistantTurn(turns);
  return turns;
}

function readTurn(message: unknown, index: number): PromptTurn {
  const path = `messages/${index}`;
  const fields = readObject(message, path, ['role', 'content'], ['role', 'content']);
  const role = readString(fields.role, `${path}/role`);
  if (role !== 'user' && role !== 'assistant') {
    throw EmulatorError.malformedInput(`#/${path}/role: ${role} is not a valid enum value`);
  }
  return { role, text: contentText(fields.content, `${path}/content`) };
}

/** The text a model reads from a content value: a string, or text / tool_result blocks (images carry none). */
function contentText(content: unknown, path: string): string {
  if (typeof content === 'string') return checkedText(content);
  return readArray(content, path)
    .map((block, index) => blockText(block, `${path}/${index}`))
    .filter((text) => text !== '')
    .join('\n');
}

/** Anthropic refuses a text block that is empty or only whitespace (its messages, passed on by Bedrock). */
function checkedText(text: string): string {
  if (text === '') throw EmulatorError.validation('messages: text content blocks must be non-empty');
  if (text.trim() === '')
    throw EmulatorError.validation('messages: text content blocks must contain non-whitespace text');
  return text;
}

/** A prefill (a last turn from the assistant) may not end with whitespace. */
function checkFinalAssistantTurn(turns: readonly PromptTurn[]): void {
  const last = turns.at(-1);
  if (last?.role === 'assistant' && last.text !== last.text.trimEnd()) {
    throw EmulatorError.validation('messages: final assistant content cannot end with trailing whitespace');
  }
}

function blockText(block: unknown, path: string): string {
  const fields = readLooseObject(block, path);
  const type = readString(fields.type, `${path}/type`);
  if (type === 'text') return checkedText(readString(fields.text, `${path}/text`));
  if (type === 'tool_result' && fields.content !== undefined)
    return contentText(fields.content, `${path}/content`);
  return '';
}
