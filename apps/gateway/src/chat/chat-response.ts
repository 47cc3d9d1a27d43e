import type { GenerationSummary } from '../common/generation/generation-summary';

/** The 200 body of /bedrock/chat without `response` (also the `done` event of a stream). */
export type ChatSummary = GenerationSummary;

export interface ChatResponse extends ChatSummary {
  response: string;
}
