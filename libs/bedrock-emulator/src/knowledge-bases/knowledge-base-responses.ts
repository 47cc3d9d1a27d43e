import type { ExtractiveAnswer } from '../generation/extractive-answer';
import type { ScoredChunk } from './knowledge-base-index';
import type { KnowledgeBaseChunk } from './knowledge-base.model';

/** A `retrievedReferences` item (RetrieveAndGenerate): content, location and metadata, no score. */
export function toReference(chunk: KnowledgeBaseChunk, dataSourceId: string): Record<string, unknown> {
  return {
    content: { type: 'TEXT', text: chunk.text },
    location: { type: 'S3', s3Location: { uri: chunk.sourceUri } },
    metadata: {
      ...chunk.metadata,
      'x-amz-bedrock-kb-source-uri': chunk.sourceUri,
      'x-amz-bedrock-kb-chunk-id': chunk.chunkId,
      'x-amz-bedrock-kb-data-source-id': dataSourceId,
    },
  };
}

/** A `retrievalResults` item (Retrieve): a reference plus its score. */
export function toRetrievalResult(hit: ScoredChunk, dataSourceId: string): Record<string, unknown> {
  return { ...toReference(hit.chunk, dataSourceId), score: hit.score };
}

/**
 * RetrieveAndGenerate `citations` from an extractive answer over `passages`. `span.end` is rendered inclusive
 * (`end - 1` of the answer's exclusive offsets), as the service's spans are (shared/docs/bedrock-wire.md §5.2).
 */
export function toCitations(
  answer: ExtractiveAnswer,
  passages: readonly ScoredChunk[],
  dataSourceId: string,
): Record<string, unknown>[] {
  return answer.citations.map((citation) => ({
    generatedResponsePart: {
      textResponsePart: {
        text: answer.text.slice(citation.start, citation.end),
        span: { start: citation.start, end: citation.end - 1 },
      },
    },
    retrievedReferences: citation.passageIndexes.flatMap((i) => {
      const passage = passages[i];
      return passage ? [toReference(passage.chunk, dataSourceId)] : [];
    }),
  }));
}
