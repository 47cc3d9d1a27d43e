import type { AwsCredentialIdentity } from '@smithy/types';
import type { ArnHint } from '../catalog/resolved-model';

export interface BedrockEndpoints {
  runtime?: string;
  agentRuntime?: string;
  control?: string;
}

/** Options of `BedrockModule.forRootAsync`; the app builds them from validated config. */
export interface BedrockModuleOptions {
  /** Primary region first, then failover regions in order. */
  regions: string[];
  /** Endpoint overrides for every region, unless `regionEndpoints` names that region. */
  endpoints: BedrockEndpoints;
  /** region → one endpoint URL for all three clients (emulators per region, VPC endpoints). */
  regionEndpoints: Record<string, string>;
  /** Static credentials (the local emulator); undefined = the SDK's default credential chain. */
  credentials?: AwsCredentialIdentity;
  httpHandler: 'http1' | 'http2';
  maxSockets: number;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  circuit: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** ARN → family hint, for ARNs that hide the model (provisioned, custom, imported). */
  arnHints: Record<string, ArnHint>;
  defaultModel?: string;
}
