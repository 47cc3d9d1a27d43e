import type { Citation } from '@aws-sdk/client-bedrock-agent-runtime';
import type { RagCitation } from '../rag-response';
import type { RetrievedPassage } from '../retrieval/retrieved-passage';
import { type RetrievedItem, toRetrievedPassage } from '../retrieval/to-retrieved-passage';

export interface ManagedCitations {
  citations: RagCitation[];
  /** Every distinct reference the citations name, in order of first mention. */
  passages: RetrievedPassage[];
}

/**
 * RetrieveAndGenerate's `citations` (bedrock-wire.md §5.2) as the API's `citations` (the cited part of
 * the answer and the URIs it rests on) and the distinct passages behind them (the API's `sources`).
 */
export function toCitations(citations: readonly Citation[] | undefined): ManagedCitations {
  const passages = new Map<string, RetrievedPassage>();
  const mapped = (citations ?? []).map((citation) => {
    const uris = new Set<string>();
    for (const reference of citation.retrievedReferences ?? []) {
      const passage = toRetrievedPassage(reference) ?? rowPassage(reference);
      if (!passage) continue;
      if (passage.uri !== null) uris.add(passage.uri);
      const key = referenceKey(passage);
      if (!passages.has(key)) passages.set(key, passage);
    }
    return { text: citation.generatedResponsePart?.textResponsePart?.text ?? '', source_uris: [...uris] };
  });
  return { citations: mapped, passages: [...passages.values()] };
}

/** A chunk is the same reference when its chunk id (or, lacking one, its location and text) is. */
function referenceKey(passage: RetrievedPassage): string {
  const chunkId = passage.metadata['x-amz-bedrock-kb-chunk-id'];
  return typeof chunkId === 'string' ? chunkId : `${passage.uri ?? ''}\n${passage.text}`;
}

/**
 * A row of a structured data store (content type `ROW`), its columns as `name: value` lines. Bedrock
 * answered from it, so it is one of the answer's sources: skipped like an image, a structured knowledge
 * base's every answer came back `rag_used: false` with no sources, and a `strict` one refused it with 404
 * `no_context` after Bedrock had answered. (Retrieve mode still leaves rows out of its text prompt.)
 */
function rowPassage(reference: RetrievedItem): RetrievedPassage | null {
  const columns = (reference.content?.row ?? []).filter((column) => column.columnName !== undefined);
  if (columns.length === 0) return null;
  return {
    text: columns.map((column) => `${column.columnName}: ${column.columnValue ?? ''}`).join('\n'),
    uri: null,
    score: null,
    metadata: reference.metadata ?? {},
  };
}
