import type { StopReason, StreamChunkUpdate } from './family-strategy';

/** What a stream has produced so far, folded from `StreamChunkUpdate`s. */
export interface StreamTotals {
  text: string;
  stopReason: StopReason | null;
  inputTokens: number | null;
  outputTokens: number | null;
  firstByteLatencyMs: number | null;
  invocationLatencyMs: number | null;
}

export const EMPTY_STREAM_TOTALS: StreamTotals = {
  text: '',
  stopReason: null,
  inputTokens: null,
  outputTokens: null,
  firstByteLatencyMs: null,
  invocationLatencyMs: null,
};

/** Appends the text delta; every other field present in the update replaces the previous value. */
export function applyStreamUpdate(totals: StreamTotals, update: StreamChunkUpdate): StreamTotals {
  return {
    text: update.text === undefined ? totals.text : totals.text + update.text,
    stopReason: update.stopReason ?? totals.stopReason,
    inputTokens: update.inputTokens ?? totals.inputTokens,
    outputTokens: update.outputTokens ?? totals.outputTokens,
    firstByteLatencyMs: update.firstByteLatencyMs ?? totals.firstByteLatencyMs,
    invocationLatencyMs: update.invocationLatencyMs ?? totals.invocationLatencyMs,
  };
}

/** Folds a whole chunk sequence through a family's chunk parser. */
export function foldStream(
  chunks: readonly unknown[],
  parse: (chunk: unknown) => StreamChunkUpdate,
): StreamTotals {
  return chunks.reduce<StreamTotals>(
    (totals, chunk) => applyStreamUpdate(totals, parse(chunk)),
    EMPTY_STREAM_TOTALS,
  );
}
