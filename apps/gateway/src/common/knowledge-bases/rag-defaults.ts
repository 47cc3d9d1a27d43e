import type { KnowledgeBaseConfig } from './knowledge-base-config';

/** API.md defaults of /bedrock/chat/rag: the RAG feature applies them, the policy's estimate reads them. */
export const RAG_DEFAULTS = {
  maxResults: 5,
  searchType: 'HYBRID',
  maxContextLength: 3000,
  includeSources: true,
  mode: 'retrieve',
} as const;

/**
 * The region a RAG call's model runs in, when not the primary one: RetrieveAndGenerate runs in the
 * knowledge base's region, so a model that needs a profile takes that region's geography (and price).
 */
export function generationRegion(mode: unknown, kb: KnowledgeBaseConfig | undefined): string | undefined {
  return mode === 'retrieve_and_generate' ? kb?.region : undefined;
}
