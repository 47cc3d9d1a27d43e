import type { CallProgress, CanonicalChatRequest, ResolvedModel } from '@app/bedrock';
import {
  RetrieveAndGenerateCommand,
  type RetrieveAndGenerateCommandOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { Injectable } from '@nestjs/common';
import type { KnowledgeBaseConfig } from '../../common/knowledge-bases/knowledge-base-config';
import type { SearchType } from '../dto/rag-request.dto';
import { KnowledgeBaseUpstream } from '../retrieval/knowledge-base-upstream';
import { generationModelArn } from './generation-model-arn';

export interface ManagedQuery {
  text: string;
  maxResults: number;
  searchType: SearchType;
  /** Inference settings and the caller's system prompt, as for the gateway's own generation. */
  request: CanonicalChatRequest;
}

/**
 * Bedrock's managed RetrieveAndGenerate (bedrock-wire.md §5.2): Bedrock retrieves, builds the prompt and
 * generates with the model's ARN. A caller's system prompt becomes the prompt template, which must hold
 * the `$search_results$` placeholder.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_RetrieveAndGenerate.html
 */
@Injectable()
export class ManagedRetrieveAndGenerate {
  constructor(private readonly upstream: KnowledgeBaseUpstream) {}

  run(
    kb: KnowledgeBaseConfig,
    model: ResolvedModel,
    query: ManagedQuery,
    signal: AbortSignal,
    progress: CallProgress,
  ): Promise<RetrieveAndGenerateCommandOutput> {
    const { request } = query;
    const command = new RetrieveAndGenerateCommand({
      input: { text: query.text },
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId: kb.id,
          modelArn: generationModelArn(model, kb.region),
          retrievalConfiguration: {
            vectorSearchConfiguration: {
              numberOfResults: query.maxResults,
              overrideSearchType: query.searchType,
            },
          },
          generationConfiguration: {
            ...(request.system
              ? { promptTemplate: { textPromptTemplate: promptTemplate(request.system) } }
              : {}),
            inferenceConfig: {
              textInferenceConfig: {
                maxTokens: request.maxTokens,
                temperature: request.temperature,
                topP: request.topP,
                stopSequences: request.stopSequences,
              },
            },
          },
        },
      },
    });
    // It generates: an attempt Bedrock took on may be billed (a deadline keeps the budget's estimate).
    return this.upstream.send(
      kb,
      signal,
      progress,
      (client, attemptSignal) => client.send(command, { abortSignal: attemptSignal }),
      true,
    );
  }
}

/** The caller's instructions, then Bedrock's placeholders for the retrieved passages and citation format. */
function promptTemplate(system: string): string {
  return `${system}\n\nSearch results:\n$search_results$\n\n$output_format_instructions$`;
}
