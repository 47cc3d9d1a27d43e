import { Inject, Injectable, Optional } from '@nestjs/common';
import { CATALOG_DATA } from './catalog-data';
import { MODEL_CATALOG_DATA } from './catalog.constants';
import type { CatalogModel, ModelCatalogData, ModelKind } from './catalog.types';
import { resolveModel } from './resolve-model';
import type { CatalogLookup, ResolvedModel, ResolveModelOptions } from './resolved-model';

/**
 * Read-only view of the model catalog, indexed by alias and by foundation-model id. Checks the data
 * once at construction (unique aliases and ids, default and recommendations pointing at real aliases,
 * native default budgets within the model's limit) and throws on the first inconsistency, so a bad
 * catalog fails at boot.
 */
@Injectable()
export class ModelCatalog implements CatalogLookup {
  private readonly models: readonly CatalogModel[];
  private readonly aliasIndex = new Map<string, CatalogModel>();
  private readonly idIndex = new Map<string, CatalogModel>();
  private readonly defaultAlias: string;
  private readonly recommendationAliases: Readonly<Record<string, string>>;

  constructor(@Optional() @Inject(MODEL_CATALOG_DATA) data: ModelCatalogData | null = null) {
    const source = data ?? CATALOG_DATA;
    this.models = source.models;
    for (const model of source.models) {
      addUnique(this.aliasIndex, model.alias, model, 'alias');
      addUnique(this.idIndex, model.modelId, model, 'model id');
      checkNativeDefault(model);
    }
    this.defaultAlias = source.defaultModel;
    this.recommendationAliases = source.recommendations;
    for (const [key, alias] of Object.entries({ default: source.defaultModel, ...source.recommendations })) {
      if (!this.aliasIndex.has(alias))
        throw new Error(`Model catalog: ${key} names unknown alias "${alias}"`);
    }
  }

  byAlias(alias: string): CatalogModel | undefined {
    return this.aliasIndex.get(alias);
  }

  byModelId(modelId: string): CatalogModel | undefined {
    return this.idIndex.get(modelId);
  }

  /** Every model, in catalog order; only those of `kind` when given. */
  list(kind?: ModelKind): CatalogModel[] {
    return this.models.filter((model) => kind === undefined || model.kind === kind);
  }

  aliases(): string[] {
    return this.models.map((model) => model.alias);
  }

  defaultModel(): CatalogModel {
    return this.aliasIndex.get(this.defaultAlias) as CatalogModel;
  }

  /** Recommendation key (`cost_effective`, `best_reasoning`, …) → alias. */
  recommendations(): Record<string, string> {
    return { ...this.recommendationAliases };
  }

  /** `resolveModel` against this catalog. */
  resolve(input: string, options: Omit<ResolveModelOptions, 'catalog'> = {}): ResolvedModel | null {
    return resolveModel(input, { ...options, catalog: this });
  }
}

/** A model's own default budget must be one it accepts. */
function checkNativeDefault(model: CatalogModel): void {
  const value = model.nativeDefaultMaxTokens;
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1 || value > model.maxOutputTokens) {
    throw new Error(
      `Model catalog: ${model.alias} nativeDefaultMaxTokens must be an integer from 1 to maxOutputTokens (${model.maxOutputTokens}), got ${value}`,
    );
  }
}

function addUnique(index: Map<string, CatalogModel>, key: string, model: CatalogModel, what: string): void {
  if (index.has(key)) throw new Error(`Model catalog: duplicate ${what} "${key}"`);
  index.set(key, model);
}
