import type { CatalogModel } from '@app/bedrock';
import { foundationModelArn } from '../model-resolution/bedrock-arn';

/**
 * `inferenceTypesSupported` as the real service reports it: profile-only models list just
 * `INFERENCE_PROFILE` (outside the model's enum, but what AWS returns, §6.1); others `ON_DEMAND`, plus
 * `INFERENCE_PROFILE` when a system profile exists.
 */
export function inferenceTypesSupported(model: CatalogModel): string[] {
  if (model.inferenceProfile.required) return ['INFERENCE_PROFILE'];
  return model.inferenceProfile.geographies.length > 0 ? ['ON_DEMAND', 'INFERENCE_PROFILE'] : ['ON_DEMAND'];
}

/**
 * A `FoundationModelSummary` (also the `modelDetails` of GetFoundationModel). A model past its end of life
 * (`endOfLifeTime` given) is `LEGACY` with that time, whatever the catalog says (§6.1 `modelLifecycle`).
 */
export function foundationModelSummary(
  model: CatalogModel,
  region: string,
  endOfLifeTime?: string,
): Record<string, unknown> {
  return {
    modelArn: foundationModelArn(region, model.modelId),
    modelId: model.modelId,
    modelName: model.name,
    providerName: model.provider,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    // Absent for embedding models in real answers (§6.1).
    ...(model.kind === 'embedding' ? {} : { responseStreamingSupported: model.streaming }),
    customizationsSupported: [],
    inferenceTypesSupported: inferenceTypesSupported(model),
    modelLifecycle:
      endOfLifeTime === undefined ? { status: model.lifecycle } : { status: 'LEGACY', endOfLifeTime },
  };
}
