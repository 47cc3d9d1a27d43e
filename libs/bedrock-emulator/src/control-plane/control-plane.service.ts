import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { inferenceProfileIdIn } from '../model-resolution/bedrock-arn';
import { ModelIdResolver } from '../model-resolution/model-id-resolver';
import { foundationModelSummary, inferenceTypesSupported } from './foundation-model-view';
import { systemInferenceProfiles } from './inference-profile-view';

const OUTPUT_MODALITIES = ['TEXT', 'IMAGE', 'EMBEDDING'];
const INFERENCE_TYPES = ['ON_DEMAND', 'PROVISIONED', 'INFERENCE_PROFILE'];
const CUSTOMIZATION_TYPES = ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'];
const PROFILE_TYPES = ['SYSTEM_DEFINED', 'APPLICATION'];
const PROVIDER_PATTERN = /^[A-Za-z0-9- ]{1,63}$/;

/** The service's own wording for a failed member constraint. */
function constraintError(name: string, value: string, constraint: string): EmulatorError {
  return EmulatorError.validation(
    `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: ${constraint}`,
  );
}

function enumParam(query: URLSearchParams, name: string, allowed: string[]): string | undefined {
  const value = query.get(name) ?? undefined;
  if (value !== undefined && !allowed.includes(value)) {
    throw constraintError(name, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value;
}

/**
 * ListFoundationModels, GetFoundationModel, ListInferenceProfiles and GetInferenceProfile (§6), from the catalog,
 * in the region the call is made in (`region`): ARNs name it, and only the profiles it is a source region of exist.
 */
export class ControlPlaneService {
  constructor(
    private readonly models: readonly CatalogModel[],
    private readonly resolver: ModelIdResolver,
    /** When the end-of-life models reached their end (ISO-8601); see `BedrockEmulator`. */
    private readonly endOfLifeTime: string,
  ) {}

  listFoundationModels(query: URLSearchParams, region: string): Record<string, unknown> {
    const provider = query.get('byProvider') ?? undefined;
    if (provider !== undefined && !PROVIDER_PATTERN.test(provider)) {
      throw constraintError(
        'byProvider',
        provider,
        'Member must satisfy regular expression pattern: [A-Za-z0-9- ]{1,63}',
      );
    }
    const modality = enumParam(query, 'byOutputModality', OUTPUT_MODALITIES);
    const inferenceType = enumParam(query, 'byInferenceType', INFERENCE_TYPES);
    // No catalog model supports customization, so any customization filter selects nothing.
    const customization = enumParam(query, 'byCustomizationType', CUSTOMIZATION_TYPES);
    const selected = this.models.filter(
      (model) =>
        (provider === undefined || model.provider.toLowerCase() === provider.toLowerCase()) &&
        (modality === undefined ||
          model.outputModalities.includes(modality as CatalogModel['outputModalities'][0])) &&
        (inferenceType === undefined || inferenceTypesSupported(model).includes(inferenceType)) &&
        customization === undefined,
    );
    return { modelSummaries: selected.map((model) => this.summary(model, region)) };
  }

  getFoundationModel(identifier: string, region: string): Record<string, unknown> {
    const model = this.resolver.findFoundationModel(identifier, region);
    if (!model) {
      throw EmulatorError.resourceNotFound(
        'Could not resolve the foundation model from the provided model identifier.',
      );
    }
    return { modelDetails: this.summary(model, region) };
  }

  private summary(model: CatalogModel, region: string): Record<string, unknown> {
    const endOfLife = this.resolver.isEndOfLife(model.modelId) ? this.endOfLifeTime : undefined;
    return foundationModelSummary(model, region, endOfLife);
  }

  listInferenceProfiles(query: URLSearchParams, region: string): Record<string, unknown> {
    const type = enumParam(query, 'type', PROFILE_TYPES);
    const maxResults = this.maxResults(query.get('maxResults'));
    const offset = this.decodeToken(query.get('nextToken'));
    // Only system-defined profiles exist here; application profiles are never created.
    const all = type === 'APPLICATION' ? [] : systemInferenceProfiles(this.models, region);
    const page = all.slice(offset, offset + maxResults);
    const next = offset + maxResults;
    return {
      inferenceProfileSummaries: page,
      ...(next < all.length ? { nextToken: Buffer.from(`offset:${next}`).toString('base64url') } : {}),
    };
  }

  getInferenceProfile(identifier: string, region: string): Record<string, unknown> {
    const profileId = inferenceProfileIdIn(identifier, region);
    const profile = systemInferenceProfiles(this.models, region).find(
      (candidate) => candidate.inferenceProfileId === profileId,
    );
    if (!profile) throw EmulatorError.resourceNotFound(`Inference profile ${identifier} not found.`);
    return profile;
  }

  private maxResults(raw: string | null): number {
    if (raw === null) return 1000;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 1000) {
      throw constraintError('maxResults', raw, 'Member must have value between 1 and 1000');
    }
    return value;
  }

  private decodeToken(raw: string | null): number {
    if (raw === null) return 0;
    const match = /^offset:(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!match) throw EmulatorError.validation('The provided pagination token is invalid.');
    return Number(match[1]);
  }
}
