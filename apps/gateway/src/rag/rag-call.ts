import type { CallRecord, CanonicalChatRequest, ResolvedModel } from '@app/bedrock';
import { ApiError } from '../common/errors/api-error';
import type { RequestAbort } from '../common/http/client-abort';
import type { KnowledgeBaseConfig } from '../common/knowledge-bases/knowledge-base-config';
import type { RagSettings } from './rag-request.mapper';
import { RagResponse, toSource } from './rag-response';
import type { RetrievedPassage } from './retrieval/retrieved-passage';

/** Per-request context the controller hands over (the HTTP side stays in the controller). */
export interface RagContext {
  record: CallRecord;
  requestId: string;
  startedAt: number;
  /** Fires when the caller goes away; the service adds the deadline. */
  abort: RequestAbort;
  /** The knowledge bases the caller may use: a 404 names only those. */
  visible: (kb: KnowledgeBaseConfig) => boolean;
}

/** What the service settled before calling Bedrock. */
export interface RagCall {
  kb: KnowledgeBaseConfig;
  model: ResolvedModel;
  settings: RagSettings;
  /** The question with the caller's inference settings and system prompt, not yet grounded. */
  request: CanonicalChatRequest;
  signal: AbortSignal;
}

/** The RAG part of a 200 body (API.md). */
export function ragFields(
  call: RagCall,
  passages: readonly RetrievedPassage[],
  contextLength: number,
): Pick<RagResponse, 'rag_used' | 'knowledge_base' | 'contexts_used' | 'context_length' | 'sources'> {
  return {
    rag_used: passages.length > 0,
    knowledge_base: { alias: call.kb.alias, id: call.kb.id },
    contexts_used: passages.length,
    context_length: contextLength,
    ...(call.settings.includeSources ? { sources: passages.map(toSource) } : {}),
  };
}

/** 404 `no_context`: a strict knowledge base had nothing relevant enough to answer from. */
export function noContext(kb: KnowledgeBaseConfig): ApiError {
  return new ApiError(
    'no_context',
    `Knowledge base "${kb.alias}" has nothing relevant enough to this question, and it is configured to answer only from its own content.`,
  );
}
