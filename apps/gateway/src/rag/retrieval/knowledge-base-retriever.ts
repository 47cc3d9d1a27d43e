import type { CallProgress } from '@app/bedrock';
import { RetrieveCommand, type RetrieveCommandOutput } from '@aws-sdk/client-bedrock-agent-runtime';
import { Injectable } from '@nestjs/common';
import type { KnowledgeBaseConfig } from '../../common/knowledge-bases/knowledge-base-config';
import { sliceWhole } from '../context/pack-context';
import type { SearchType } from '../dto/rag-request.dto';
import { KnowledgeBaseUpstream } from './knowledge-base-upstream';
import type { RetrievedPassage } from './retrieved-passage';
import { toRetrievedPassage } from './to-retrieved-passage';

export interface RetrievalQuery {
  text: string;
  maxResults: number;
  searchType: SearchType;
}

/** Retrieve's query is at most 20,000 characters (bedrock-wire.md §5.1); a longer question searches on its start. */
export const RETRIEVAL_QUERY_MAX_CHARS = 20_000;

/** Safety stop for a service that keeps sending `nextToken` with empty pages. */
const MAX_PAGES = 20;

/**
 * Bedrock `Retrieve` (bedrock-wire.md §5.1): asks for `maxResults` and follows `nextToken` while a page
 * holds fewer than were asked, each page under the resilience policy.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_Retrieve.html
 */
@Injectable()
export class KnowledgeBaseRetriever {
  constructor(private readonly upstream: KnowledgeBaseUpstream) {}

  async retrieve(
    kb: KnowledgeBaseConfig,
    query: RetrievalQuery,
    signal: AbortSignal,
    progress: CallProgress,
  ): Promise<RetrievedPassage[]> {
    // Blanks at the start would take the place of the question in the 20,000 characters searched (a blank
    // question never gets here: the request is refused with a 400).
    const text = sliceWhole(query.text.trim(), RETRIEVAL_QUERY_MAX_CHARS);
    const passages: RetrievedPassage[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.page(kb, { ...query, text }, nextToken, signal, progress);
      for (const result of output.retrievalResults ?? []) {
        const passage = toRetrievedPassage(result);
        if (passage) passages.push(passage);
      }
      nextToken = output.nextToken;
      if (passages.length >= query.maxResults || !nextToken) break;
    }
    return passages.slice(0, query.maxResults);
  }

  private page(
    kb: KnowledgeBaseConfig,
    query: RetrievalQuery,
    nextToken: string | undefined,
    signal: AbortSignal,
    progress: CallProgress,
  ): Promise<RetrieveCommandOutput> {
    const command = new RetrieveCommand({
      knowledgeBaseId: kb.id,
      retrievalQuery: { text: query.text },
      retrievalConfiguration: {
        vectorSearchConfiguration: {
          numberOfResults: query.maxResults,
          overrideSearchType: query.searchType,
        },
      },
      ...(nextToken ? { nextToken } : {}),
    });
    return this.upstream.send(kb, signal, progress, (client, attemptSignal) =>
      client.send(command, { abortSignal: attemptSignal }),
    );
  }
}
