import type { NativeSchema } from '../catalog/catalog.types';
import type { ResolvedModel } from '../catalog/resolved-model';
import {
  FamilyStrategy,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type StreamChunkUpdate,
  type TokenHeaders,
} from './family-strategy';

/** The pure functions that translate one native InvokeModel schema (bedrock-wire.md §7). */
export interface SchemaCodec {
  schema: NativeSchema;
  buildRequest(request: CanonicalChatRequest): Record<string, unknown>;
  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult;
  parseStreamChunk(chunk: unknown): StreamChunkUpdate;
  /** The stop sequences `buildRequest` puts in the body; every one when absent. */
  nativeStops?(stops: readonly string[]): readonly string[];
}

/**
 * A family strategy that is exactly one schema's codec: it supports the models speaking that schema
 * and delegates to the codec's pure functions. Each family folder declares one subclass.
 */
export abstract class SchemaStrategy extends FamilyStrategy {
  protected abstract readonly codec: SchemaCodec;

  supports(model: ResolvedModel): boolean {
    return model.schema === this.codec.schema;
  }

  gatewayStopSequences(stops: readonly string[]): readonly string[] {
    const native = this.codec.nativeStops?.(stops) ?? stops;
    return stops.filter((stop) => !native.includes(stop));
  }

  buildRequest(request: CanonicalChatRequest): Record<string, unknown> {
    return this.codec.buildRequest(request);
  }

  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
    return this.codec.parseResponse(body, headers);
  }

  parseStreamChunk(chunk: unknown): StreamChunkUpdate {
    return this.codec.parseStreamChunk(chunk);
  }
}
