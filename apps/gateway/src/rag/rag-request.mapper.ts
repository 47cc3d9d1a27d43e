import { ApiError } from '../common/errors/api-error';
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

/** `knowledge_base` or its synonym `knowledge_base_type`; both is fine only when they are the same string. */
export function requestedKnowledgeBase(dto: RagRequestDto): string | undefined {
  const { knowledge_base: name, knowledge_base_type: synonym } = dto;
  if (name !== undefined && synonym !== undefined && name !== synonym) {
    throw ApiError.validation(
      'knowledge_base_type',
      'differs from knowledge_base; it is a synonym of knowledge_base: send one of them, or the same value in both',
    );
  }
  return name ?? synonym;
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
