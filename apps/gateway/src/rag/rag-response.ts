import type { GenerationSummary } from '../common/generation/generation-summary';
import { cutAtWord } from './context/pack-context';
import type { RetrievedPassage } from './retrieval/retrieved-passage';

export interface RagSource {
  source_uri: string | null;
  /** null in `retrieve_and_generate` mode: RetrieveAndGenerate's references carry no score. */
  score: number | null;
  excerpt: string;
  metadata: Record<string, unknown>;
}

export interface RagCitation {
  text: string;
  source_uris: string[];
}

/** The 200 body of /bedrock/chat/rag (API.md): the chat body plus what retrieval contributed. */
export interface RagResponse extends GenerationSummary {
  response: string;
  rag_used: boolean;
  knowledge_base: { alias: string; id: string };
  contexts_used: number;
  context_length: number;
  sources?: RagSource[];
  citations?: RagCitation[];
}

/** Length of a source's `excerpt`: the start of the passage, cut at a word. */
export const EXCERPT_CHARS = 300;

export function toSource(passage: RetrievedPassage): RagSource {
  const excerpt = cutAtWord(passage.text, EXCERPT_CHARS);
  return {
    source_uri: passage.uri,
    score: passage.score,
    excerpt: excerpt.length < passage.text.length ? `${excerpt}…` : excerpt,
    metadata: passage.metadata,
  };
}
