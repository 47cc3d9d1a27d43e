import {
  cutAtStopSequence,
  type CallRecord,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type FamilyStrategy,
  type ModelInvoker,
  type ResolvedModel,
} from '@app/bedrock';
import { parseSafely } from './parse-safely';
import { settleUsage } from './settle-usage';

/** A native request ready to send: the model, its family strategy, the body and the call's signal. */
export interface PreparedGeneration {
  model: ResolvedModel;
  strategy: FamilyStrategy;
  body: Record<string, unknown>;
  signal: AbortSignal;
  /** Stop sequences the gateway applies itself: the request's that the native body leaves out. */
  gatewayStops: readonly string[];
}

/** The request's stop sequences its family's native body leaves out (empty when it takes them all). */
export function gatewayStops(strategy: FamilyStrategy, request: CanonicalChatRequest): readonly string[] {
  return strategy.gatewayStopSequences(request.stopSequences ?? []);
}

/**
 * One blocking InvokeModel call: sends the body, parses the answer with the family strategy and puts
 * latency (added to any Bedrock time already on the record, also when the call fails), tokens and
 * cost on the record. Attempts and regions reach the record as they happen: it is the call's progress.
 */
export async function generateText(
  invoker: ModelInvoker,
  call: PreparedGeneration,
  record: CallRecord,
): Promise<CanonicalChatResult> {
  const started = performance.now();
  const result = await invoker.invoke(call.model, call.body, call.signal, record).catch((error: unknown) => {
    // A failed call waited on Bedrock too (attempts, backoffs, the deadline): not gateway overhead.
    record.bedrockLatencyMs = (record.bedrockLatencyMs ?? 0) + (performance.now() - started);
    throw error;
  });
  record.bedrockLatencyMs = (record.bedrockLatencyMs ?? 0) + result.bedrockLatencyMs;
  const parsed = parseSafely(() => call.strategy.parseResponse(result.body, result.headers));
  settleUsage(record, call.model, parsed);
  if (call.gatewayStops.length === 0) return parsed;
  const cut = cutAtStopSequence(parsed.text, call.gatewayStops);
  return cut.stopped ? { ...parsed, text: cut.text, stopReason: 'stop_sequence' } : parsed;
}
