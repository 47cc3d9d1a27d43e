import type { CatalogModel } from '@app/bedrock';
import { foundationModelArn, inferenceProfileArn } from '../model-resolution/bedrock-arn';
import { geographyLabel, geographyRegions, isSourceRegion } from '../model-resolution/geographies';

/** Fixed so that answers are deterministic; the date system profiles first appeared. */
const PROFILE_TIMESTAMP = '2024-08-27T00:00:00Z';

export interface InferenceProfileSummary extends Record<string, unknown> {
  inferenceProfileId: string;
  type: 'SYSTEM_DEFINED';
}

function formatRegions(regions: string[]): string {
  if (regions.length <= 1) return regions.join('');
  return `${regions.slice(0, -1).join(', ')} and ${regions[regions.length - 1]}`;
}

/**
 * The system-defined profiles `region` offers, with ARNs in that region: one per catalog model and geography
 * (`inferenceProfile.geographies`) that has `region` among its source regions.
 */
export function systemInferenceProfiles(
  models: readonly CatalogModel[],
  region: string,
): InferenceProfileSummary[] {
  const offered = (model: CatalogModel) =>
    model.inferenceProfile.geographies.filter((geography) => isSourceRegion(geography, region));
  return models.flatMap((model) =>
    offered(model).map((geography): InferenceProfileSummary => {
      const profileId = `${geography}.${model.modelId}`;
      const regions = geographyRegions(geography, region);
      return {
        inferenceProfileName: `${geographyLabel(geography)} ${model.provider} ${model.name}`,
        description: `Routes requests to ${model.provider} ${model.name} in ${formatRegions(regions)}.`,
        createdAt: PROFILE_TIMESTAMP,
        updatedAt: PROFILE_TIMESTAMP,
        inferenceProfileArn: inferenceProfileArn(region, profileId),
        models: regions.map((modelRegion) => ({ modelArn: foundationModelArn(modelRegion, model.modelId) })),
        inferenceProfileId: profileId,
        status: 'ACTIVE',
        type: 'SYSTEM_DEFINED',
      };
    }),
  );
}
