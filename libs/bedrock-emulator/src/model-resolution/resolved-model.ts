import type { CatalogModel } from '@app/bedrock';

/** A model identifier from a request path, resolved the way the real service resolves it (§0.6, §4.3). */
export interface ResolvedModel {
  model: CatalogModel;
  /** The identifier exactly as the caller sent it (decoded). */
  requestedId: string;
  /** Set when the call went through a system-defined inference profile, e.g. `us.anthropic…`. */
  inferenceProfileId?: string;
}
