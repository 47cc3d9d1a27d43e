import { fieldOrSynonym } from '../common/http/synonym-field';
import type { KnowledgeBaseConfig } from '../common/knowledge-bases/knowledge-base-config';
import { RAG_DEFAULTS } from '../common/knowledge-bases/rag-defaults';
import type { RagMode, RagRequestDto, SearchType } from './dto/rag-request.dto';

export interface RagSettings {
  maxResults: number;
  minScore: number;
  searchType: SearchType;
  maxContextLength: number;
  includeSources: boolean;
  mode: RagMode;
}

/** `knowledge_base` or its synonym `knowledge_base_type`. */
export function requestedKnowledgeBase(dto: RagRequestDto): string | undefined {
  return fieldOrSynonym('knowledge_base', dto.knowledge_base, 'knowledge_base_type', dto.knowledge_base_type);
}

/** The request's retrieval settings; `min_score` defaults to the knowledge base's own. */
export function ragSettings(dto: RagRequestDto, kb: KnowledgeBaseConfig): RagSettings {
  return {
    maxResults: dto.max_results ?? RAG_DEFAULTS.maxResults,
    minScore: dto.min_score ?? kb.minScore,
    searchType: dto.search_type ?? RAG_DEFAULTS.searchType,
    maxContextLength: dto.max_context_length ?? RAG_DEFAULTS.maxContextLength,
    includeSources: dto.include_sources ?? RAG_DEFAULTS.includeSources,
    mode: dto.mode ?? RAG_DEFAULTS.mode,
  };
}
