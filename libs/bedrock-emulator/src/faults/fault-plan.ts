import type { EmulatorError } from '../errors/emulator-error';

export interface StreamFailure {
  afterChunks: number;
  mode: 'exception' | 'abort' | 'truncate' | 'end';
  /** lowerCamel exception event type, for `exception` mode. */
  exceptionType: string;
  payload: Record<string, unknown>;
}

/** What the faults that fired decided for one request. */
export interface FaultPlan {
  delayMs: number;
  chunkDelayMs: number;
  error?: EmulatorError;
  stall: boolean;
  streamFailure?: StreamFailure;
  /** Kinds that fired, for the request log. */
  applied: string[];
}

export function emptyFaultPlan(): FaultPlan {
  return { delayMs: 0, chunkDelayMs: 0, stall: false, applied: [] };
}
