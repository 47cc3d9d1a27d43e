import {
  BedrockClients,
  BedrockError,
  BedrockErrorCode,
  CallProgress,
  UpstreamPolicy,
  toBedrockError,
} from '@app/bedrock';
import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { Injectable } from '@nestjs/common';
import type { KnowledgeBaseConfig } from '../../common/knowledge-bases/knowledge-base-config';

/**
 * Runs one bedrock-agent-runtime call for a knowledge base under the gateway's resilience policy
 * (retries with backoff, circuit breaker per knowledge base, the caller's deadline and disconnect).
 *
 * A knowledge base lives in one region (its id is regional), so every attempt goes to `kb.region`:
 * when the policy moves on to a failover region, the region's last error is final instead.
 */
@Injectable()
export class KnowledgeBaseUpstream {
  constructor(
    private readonly clients: BedrockClients,
    private readonly policy: UpstreamPolicy,
  ) {}

  async send<T>(
    kb: KnowledgeBaseConfig,
    signal: AbortSignal,
    progress: CallProgress,
    call: (client: BedrockAgentRuntimeClient, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const client = this.clients.agentRuntime(kb.region);
    const primary = this.clients.regions[0];
    let last: BedrockError | null = null;
    return followUpCall(progress, async () => {
      const outcome = await this.policy.execute(
        { modelId: `knowledge-base/${kb.id}`, resource: 'knowledge_base' },
        signal,
        async (region, attemptSignal) => {
          progress.region = kb.region;
          if (region !== primary) throw final(last, progress);
          try {
            return await call(client, attemptSignal);
          } catch (error) {
            last = toBedrockError(error, 'knowledge_base');
            throw error;
          }
        },
        progress,
      );
      return outcome.value;
    });
  }
}

/** The region's last error, no longer retryable; the pseudo-attempt that raises it is not counted. */
function final(error: BedrockError | null, progress: CallProgress): BedrockError {
  progress.attempts -= 1;
  if (!error) {
    return new BedrockError(
      BedrockErrorCode.UpstreamUnavailable,
      'Bedrock is failing for this knowledge base; the circuit is open.',
    );
  }
  return new BedrockError(error.code, error.message, false, error.awsName, error.retryAfterSeconds);
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
