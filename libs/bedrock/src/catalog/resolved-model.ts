import type { CatalogModel, ModelFamily, NativeSchema } from './catalog.types';

/**
 * A caller's model reference (alias, id, inference-profile id or ARN) normalised once by `resolveModel`.
 * Pricing and family lookups use `baseModelId` / `catalog`; Bedrock is called with `invokeId`.
 */
export interface ResolvedModel {
  /** Catalog alias, or null when the model is not in the catalog (an ARN resolved through a hint). */
  alias: string | null;
  /** What to send as `modelId`: the caller's id, profile id or ARN, or the id with the geography prefix added. */
  invokeId: string;
  /** Foundation-model id without any geography prefix or ARN wrapper (the ARN itself when unknown). */
  baseModelId: string;
  family: ModelFamily;
  schema: NativeSchema;
  catalog: CatalogModel | null;
  /** Which kind of system-defined inference profile the call goes through, if any. */
  viaProfile: 'global' | 'geo' | null;
  /** The system-defined inference profile's id (`us.anthropic…`), also when the call names its ARN. */
  profileId: string | null;
  /**
   * Resolved through an ARN hint: a provisioned, custom or imported model or an application inference
   * profile, a resource of its own (often another team's), whatever foundation model is behind it.
   */
  viaHint: boolean;
}

/** How to treat an ARN the catalog cannot know (provisioned, custom, imported, application profile). */
export interface ArnHint {
  family: ModelFamily;
  /** Defaults to the catalog schema of `baseModelId`, else the family's main text schema. */
  schema?: NativeSchema;
  /** The foundation model behind the ARN, for pricing and limits. */
  baseModelId?: string;
}

/** The lookups `resolveModel` needs; `ModelCatalog` implements them. */
export interface CatalogLookup {
  byAlias(alias: string): CatalogModel | undefined;
  byModelId(modelId: string): CatalogModel | undefined;
}

export interface ResolveModelOptions {
  catalog: CatalogLookup;
  /** AWS region the gateway calls, used to pick the geography prefix when a profile is required. */
  region?: string;
  /** Keyed by the exact ARN the caller sends. A hint wins over the catalog for that ARN. */
  arnHints?: Readonly<Record<string, ArnHint>>;
}
