import type { ToolRequest } from '../tools/tool-request';

/**
 * The family-neutral request every native schema and Converse parse into; the generator only sees this.
 */
export interface PromptTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** A passage the caller supplied natively (Cohere `documents`), as opposed to a `<context>` block in text. */
export interface PromptDocument {
  title?: string;
  text: string;
}

export interface CanonicalPrompt {
  /** All system text joined ('' when none). */
  system: string;
  /** Conversation turns in order; the last user turn holds the question. */
  turns: PromptTurn[];
  /** Output budget after defaults were applied (always >= 1). */
  maxTokens: number;
  temperature?: number;
  topP?: number;
  stopSequences: string[];
  /** Native grounding documents (Cohere); `<context>` blocks stay inside the text. */
  documents: PromptDocument[];
  /** The tools the request declared (Converse `toolConfig`, Claude `tools`); absent when none. */
  tools?: ToolRequest;
}

/** The canonical reason a generation stopped; each schema maps it to its own vocabulary. */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence';
