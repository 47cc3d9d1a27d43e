import type { FinalizeRequestMiddleware, MetadataBearer, Pluggable } from '@smithy/types';

/**
 * Bedrock sends token counts and latency in response headers the SDK does not surface
 * (`x-amzn-bedrock-input-token-count`, …; wire reference §1.2). A finalizeRequest middleware sees the
 * raw response after deserialisation, so it records them against the output object here.
 */
export interface UsageHeaders {
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
}

const headersByOutput = new WeakMap<object, UsageHeaders>();

export function usageHeadersOf(output: object): UsageHeaders {
  return headersByOutput.get(output) ?? {};
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : undefined;
}

const captureUsageHeaders: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => async (args) => {
  const result = await next(args);
  const response = result.response as { headers?: Record<string, string> } | undefined;
  const headers = response?.headers;
  if (headers && typeof result.output === 'object' && result.output !== null) {
    headersByOutput.set(result.output, {
      inputTokens: toInt(headers['x-amzn-bedrock-input-token-count']),
      outputTokens: toInt(headers['x-amzn-bedrock-output-token-count']),
      latencyMs: toInt(headers['x-amzn-bedrock-invocation-latency']),
    });
  }
  return result;
};

export const usageHeadersPlugin: Pluggable<object, MetadataBearer> = {
  applyToStack: (stack) => {
    stack.add(captureUsageHeaders, {
      step: 'finalizeRequest',
      name: 'captureBedrockUsageHeaders',
      override: true,
    });
  },
};
