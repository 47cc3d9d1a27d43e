import type { BedrockModuleOptions } from '@app/bedrock';
import type { GatewayConfig } from '../config/gateway-config';
import type { LocalEmulatorHost } from './local-emulator.host';

/** Fake credentials for the emulator; it checks the SigV4 header's shape, never the signature. */
const LOCAL_CREDENTIALS = { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'bedrock-local' };

/**
 * Builds the Bedrock module's options from config. Local mode: every client points at the embedded
 * emulator (unless endpoints are named). AWS mode: the SDK's default credential chain and endpoints,
 * with the configured overrides (VPC endpoints).
 */
export async function bedrockOptionsFactory(
  config: GatewayConfig,
  local: LocalEmulatorHost,
): Promise<BedrockModuleOptions> {
  const { env } = config;
  const named = env.BEDROCK_ENDPOINT_URL ?? Object.values(config.regionEndpoints)[0];
  const localUrl = config.backend === 'local' && !named ? await local.url() : undefined;
  return {
    regions: config.regions,
    endpoints: {
      runtime: env.BEDROCK_ENDPOINT_URL ?? localUrl,
      agentRuntime: env.BEDROCK_AGENT_ENDPOINT_URL ?? env.BEDROCK_ENDPOINT_URL ?? localUrl,
      control: env.BEDROCK_CONTROL_ENDPOINT_URL ?? env.BEDROCK_ENDPOINT_URL ?? localUrl,
    },
    regionEndpoints: config.regionEndpoints,
    credentials: config.backend === 'local' ? LOCAL_CREDENTIALS : undefined,
    httpHandler: env.BEDROCK_HTTP_HANDLER,
    maxSockets: env.BEDROCK_MAX_SOCKETS,
    retry: {
      maxAttempts: env.BEDROCK_MAX_ATTEMPTS,
      baseDelayMs: env.BEDROCK_RETRY_BASE_MS,
      maxDelayMs: env.BEDROCK_RETRY_MAX_MS,
    },
    circuit: {
      consecutiveFailures: env.BEDROCK_CIRCUIT_FAILURES,
      halfOpenAfterMs: env.BEDROCK_CIRCUIT_HALF_OPEN_MS,
    },
    arnHints: config.arnHints,
    defaultModel: env.DEFAULT_MODEL,
  };
}
