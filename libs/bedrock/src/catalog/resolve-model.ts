import type { CatalogModel, ModelFamily, NativeSchema } from './catalog.types';
import { geographyForRegion, splitGeographyPrefix } from './inference-geography';
import type { ArnHint, CatalogLookup, ResolvedModel, ResolveModelOptions } from './resolved-model';

/** `arn:<partition>:bedrock:<region>:<account?>:<resource-type>/<resource-id>` (bedrock-wire.md §0.6). */
const BEDROCK_ARN = /^arn:aws(?:-[a-z-]+)?:bedrock:[a-z0-9-]*:(?:\d{12})?:([a-z-]+)\/(.+)$/;

/** ARN kinds billed per hour or per model unit, not per token: no catalog price applies to them. */
const NOT_PRICED_PER_TOKEN = new Set([
  'provisioned-model',
  'custom-model',
  'custom-model-deployment',
  'imported-model',
]);

/** The text schema a hinted family speaks when the hint names neither a schema nor a known base model. */
const FAMILY_TEXT_SCHEMA: Readonly<Record<ModelFamily, NativeSchema>> = {
  anthropic: 'anthropic-messages',
  titan: 'titan-text',
  llama: 'llama3',
  mistral: 'mistral-completion',
  cohere: 'cohere-command-r',
};

/**
 * The one place model references are normalised. Accepts an alias, a foundation-model id, an
 * inference-profile id with any geography prefix (`us.`, `eu.`, `apac.`, `jp.`, `global.`, …), a
 * foundation-model or inference-profile ARN, and any ARN listed in `options.arnHints` (a hint wins over
 * the catalog). Returns null when the reference is unknown.
 *
 * When the catalog says a model needs an inference profile and the caller gave an alias or a bare id,
 * the geography prefix for `options.region` is added to `invokeId` (see `geographyForRegion`). When no
 * suitable profile exists the bare id is kept and `viaProfile` is null, so Bedrock's own
 * ValidationException explains the problem.
 */
export function resolveModel(input: string, options: ResolveModelOptions): ResolvedModel | null {
  const reference = input.trim();
  if (reference === '') return null;
  if (reference.startsWith('arn:')) {
    const hints = options.arnHints ?? {};
    const hint = Object.hasOwn(hints, reference) ? hints[reference] : undefined;
    return hint === undefined
      ? fromArn(reference, options.catalog)
      : fromHint(reference, hint, options.catalog);
  }
  const byAlias = options.catalog.byAlias(reference);
  if (byAlias !== undefined) return onDemand(byAlias, options.region);
  const byId = options.catalog.byModelId(reference);
  if (byId !== undefined) return onDemand(byId, options.region);
  return fromProfileId(reference, reference, options.catalog);
}

function fromArn(arn: string, catalog: CatalogLookup): ResolvedModel | null {
  const [, resourceType, resourceId] = BEDROCK_ARN.exec(arn) ?? [];
  if (resourceId === undefined) return null;
  if (resourceType === 'inference-profile') return fromProfileId(resourceId, arn, catalog);
  if (resourceType !== 'foundation-model') return null;
  const model = catalog.byModelId(resourceId);
  return model === undefined ? null : describe(model, arn, null);
}

function fromProfileId(profileId: string, invokeId: string, catalog: CatalogLookup): ResolvedModel | null {
  const split = splitGeographyPrefix(profileId);
  if (split === null) return null;
  const model = catalog.byModelId(split[1]);
  if (model === undefined) return null;
  return describe(model, invokeId, profileId);
}

function onDemand(model: CatalogModel, region: string | undefined): ResolvedModel {
  if (!model.inferenceProfile.required) return describe(model, model.modelId, null);
  const geography = geographyForRegion(region, model.inferenceProfile.geographies);
  if (geography === null) return describe(model, model.modelId, null);
  const profileId = `${geography}.${model.modelId}`;
  return describe(model, profileId, profileId);
}

function fromHint(reference: string, hint: ArnHint, catalog: CatalogLookup): ResolvedModel {
  const base = hint.baseModelId === undefined ? undefined : catalog.byModelId(hint.baseModelId);
  const resourceType = BEDROCK_ARN.exec(reference)?.[1] ?? '';
  const facts =
    base !== undefined && NOT_PRICED_PER_TOKEN.has(resourceType) ? { ...base, pricing: null } : base;
  return {
    alias: base?.alias ?? null,
    invokeId: reference,
    baseModelId: hint.baseModelId ?? reference,
    family: hint.family,
    schema: hint.schema ?? base?.schema ?? FAMILY_TEXT_SCHEMA[hint.family],
    catalog: facts ?? null,
    viaProfile: null,
    profileId: null,
    viaHint: true,
  };
}

function describe(model: CatalogModel, invokeId: string, profileId: string | null): ResolvedModel {
  return {
    alias: model.alias,
    invokeId,
    baseModelId: model.modelId,
    family: model.family,
    schema: model.schema,
    catalog: model,
    viaProfile: profileId === null ? null : profileId.startsWith('global.') ? 'global' : 'geo',
    profileId,
    viaHint: false,
  };
}
