import type { BedrockOperation } from '../routes/operation.types';

/** One request as the emulator saw it; tests read these to count attempts and prove aborts. */
export interface RequestRecord {
  requestId: string;
  /** ISO-8601 time the request arrived. */
  receivedAt: string;
  method: string;
  path: string;
  operation: BedrockOperation | 'Unknown';
  protocol: '1.1' | '2.0';
  /** Region the call was made in: its SigV4 credential scope's, else the emulator's (set once authorized). */
  region?: string;
  /** Model identifier as sent (decoded path label). */
  modelId?: string;
  /** Catalog foundation-model id it resolved to. */
  resolvedModelId?: string;
  knowledgeBaseId?: string;
  /** `amz-sdk-invocation-id`: the same on every retry of one SDK call. */
  invocationId?: string;
  /** From `amz-sdk-request: attempt=N; max=M`. */
  attempt?: number;
  maxAttempts?: number;
  status?: number;
  errorType?: string;
  /** Fault kinds that fired, and `script` when a scripted response matched. */
  faults: string[];
  /** True when the client went away before the response finished. */
  aborted: boolean;
  /** True once the exchange is over (finished or aborted). */
  done: boolean;
  durationMs?: number;
}
