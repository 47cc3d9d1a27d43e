import { ANTHROPIC_VERSION } from '../models/schemas/anthropic-messages.request';
import type { TextSchemaName } from '../models/schemas/text-schemas';

/** The Converse members Bedrock writes into a model's native body (shared/docs/bedrock-wire.md §3.1). */
export type ConverseMember =
  | 'messages'
  | 'system'
  | 'toolConfig'
  | 'inferenceConfig'
  | 'maxTokens'
  | 'temperature'
  | 'topP'
  | 'stopSequences';

/** The canonical prompt fields a native key can set when the caller puts it in `additionalModelRequestFields`. */
export type PromptSetting = 'system' | 'maxTokens' | 'temperature' | 'topP' | 'stopSequences';

export interface NativeKey {
  /** The Converse member Bedrock fills this key from. */
  member: ConverseMember;
  /** What the key means to the generator, when it came from `additionalModelRequestFields` instead. */
  sets?: readonly PromptSetting[];
}

export interface ConverseNativeBody {
  /**
   * The smallest body the native schema accepts: what Converse always writes (the conversation), here with a
   * one-word turn. `additionalModelRequestFields` is merged over it and checked by the schema's own parser.
   */
  conversation: Record<string, unknown>;
  /** The native keys Converse writes from its own members (`inferenceConfig.maxTokens` → `max_tokens`, …). */
  keys: Readonly<Record<string, NativeKey>>;
}

const TURN = 'x';
const MAX_TOKENS: NativeKey = { member: 'maxTokens', sets: ['maxTokens'] };
const TEMPERATURE: NativeKey = { member: 'temperature', sets: ['temperature'] };
const TOP_P: NativeKey = { member: 'topP', sets: ['topP'] };
const STOP_SEQUENCES: NativeKey = { member: 'stopSequences', sets: ['stopSequences'] };
const MESSAGES: NativeKey = { member: 'messages' };
const TOOLS: NativeKey = { member: 'toolConfig' };

/**
 * How Converse maps onto each native body (§7): Bedrock builds the native body from the Converse members and
 * passes `additionalModelRequestFields` through into it, so the model's own schema applies to those fields.
 */
export const CONVERSE_NATIVE_BODIES: Readonly<Record<TextSchemaName, ConverseNativeBody>> = {
  'anthropic-messages': {
    conversation: {
      anthropic_version: ANTHROPIC_VERSION,
      max_tokens: 1,
      messages: [{ role: 'user', content: TURN }],
    },
    keys: {
      messages: MESSAGES,
      system: { member: 'system', sets: ['system'] },
      max_tokens: MAX_TOKENS,
      temperature: TEMPERATURE,
      top_p: TOP_P,
      stop_sequences: STOP_SEQUENCES,
      tools: TOOLS,
      tool_choice: TOOLS,
    },
  },
  'titan-text': {
    conversation: { inputText: TURN },
    keys: {
      inputText: MESSAGES,
      textGenerationConfig: {
        member: 'inferenceConfig',
        sets: ['maxTokens', 'temperature', 'topP', 'stopSequences'],
      },
    },
  },
  llama3: {
    conversation: { prompt: TURN },
    keys: { prompt: MESSAGES, max_gen_len: MAX_TOKENS, temperature: TEMPERATURE, top_p: TOP_P },
  },
  'mistral-completion': {
    conversation: { prompt: TURN },
    keys: {
      prompt: MESSAGES,
      max_tokens: MAX_TOKENS,
      temperature: TEMPERATURE,
      top_p: TOP_P,
      stop: STOP_SEQUENCES,
    },
  },
  'mistral-chat': {
    conversation: { messages: [{ role: 'user', content: TURN }] },
    keys: {
      messages: MESSAGES,
      max_tokens: MAX_TOKENS,
      temperature: TEMPERATURE,
      top_p: TOP_P,
      stop: STOP_SEQUENCES,
      tools: TOOLS,
      tool_choice: TOOLS,
    },
  },
  'cohere-command-r': {
    conversation: { message: TURN },
    keys: {
      message: MESSAGES,
      chat_history: MESSAGES,
      preamble: { member: 'system', sets: ['system'] },
      max_tokens: MAX_TOKENS,
      temperature: TEMPERATURE,
      p: TOP_P,
      stop_sequences: STOP_SEQUENCES,
      tools: TOOLS,
    },
  },
};
