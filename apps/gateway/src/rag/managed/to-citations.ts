import type { Citation } from '@aws-sdk/client-bedrock-agent-runtime';
import type { RagCitation } from '../rag-response';
import type { RetrievedPassage } from '../retrieval/retrieved-passage';
import { toRetrievedPassage } from '../retrieval/to-retrieved-passage';

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
      const passage = toRetrievedPassage(reference);
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
