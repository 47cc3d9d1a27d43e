import { BedrockClients, CallProgress, UpstreamPolicy } from '@app/bedrock';
import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { Injectable } from '@nestjs/common';
import type { KnowledgeBaseConfig } from '../../common/knowledge-bases/knowledge-base-config';

/**
 * Runs one bedrock-agent-runtime call for a knowledge base under the gateway's resilience policy
 * (retries with backoff, circuit breaker per knowledge base, the caller's deadline and disconnect).
 *
 * A knowledge base lives in one region (its id is regional), so the policy runs over that region alone:
 * after its retries, the region's last error is final, and no failover is tried or counted.
 */
@Injectable()
export class KnowledgeBaseUpstream {
  constructor(
    private readonly clients: BedrockClients,
    private readonly policy: UpstreamPolicy,
  ) {}

  /** `billable`: the call generates (RetrieveAndGenerate), so an attempt Bedrock took on may be billed. */
  async send<T>(
    kb: KnowledgeBaseConfig,
    signal: AbortSignal,
    progress: CallProgress,
    call: (client: BedrockAgentRuntimeClient, signal: AbortSignal) => Promise<T>,
    billable = false,
  ): Promise<T> {
    const client = this.clients.agentRuntime(kb.region);
    return followUpCall(progress, async () => {
      const outcome = await this.policy.execute(
        { modelId: `knowledge-base/${kb.id}`, resource: 'knowledge_base', regions: [kb.region], billable },
        signal,
        (_region, attemptSignal) => call(client, attemptSignal),
        progress,
      );
      return outcome.value;
    });
  }
}

/**
 * Usage records count retries as `attempts - 1`, for one Bedrock call. A RAG request makes several
 * (Retrieve pages, then the generation), so every call after the first gives its first attempt back:
 * the record's `retries` is then the sum of every call's retries.
 */
export async function followUpCall<T>(progress: CallProgress, call: () => Promise<T>): Promise<T> {
  const before = progress.attempts;
  try {
    return await call();
  } finally {
    if (before > 0 && progress.attempts > before) progress.attempts -= 1;
  }
}
