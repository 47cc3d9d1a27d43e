import type { TokenHeaders } from '../families/family-strategy';

/** A blocking InvokeModel answer, with what the gateway needs to price and time it. */
export interface InvokeResult {
  /** The parsed native JSON body. */
  body: unknown;
  headers: TokenHeaders;
  region: string;
  attempts: number;
  /** Time spent waiting on Bedrock, across attempts (backoff waits included). */
  bedrockLatencyMs: number;
}

/** An open InvokeModelWithResponseStream: native chunk objects in order. */
export interface StreamResult {
  chunks: AsyncIterable<unknown>;
  region: string;
  attempts: number;
  /** Time until Bedrock accepted the stream (headers received). */
  openLatencyMs: number;
}
