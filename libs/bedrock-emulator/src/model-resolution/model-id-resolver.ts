import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import type { RuntimeOperation } from '../routes/operation.types';
import { foundationModelIdIn, inferenceProfileIdIn } from './bedrock-arn';
import { isSourceRegion } from './geographies';
import type { ResolvedModel } from './resolved-model';

/** InvokeModelIdentifier max length [M]. */
const MAX_IDENTIFIER_LENGTH = 2048;

const END_OF_LIFE_MESSAGE =
  'This model version has reached the end of its life. Please refer to the AWS documentation for more details.';

const onDemandUnsupported = (modelId: string): string =>
  `Invocation of model ID ${modelId} with on-demand throughput isn\u2019t supported. ` +
  'Retry your request with the ID or ARN of an inference profile that contains this model.';

/**
 * An end-of-life entry must be a catalog model's foundation id, the one thing it is compared with: an alias, a
 * profile id, an ARN or a typo would flip nothing, and the consumer's test would get answers it meant to refuse.
 */
function notAFoundationModelId(given: string, models: readonly CatalogModel[]): string {
  const meant = models.find((model) => model.alias === given || given.endsWith(model.modelId));
  return (
    `End-of-life model "${given}" is not a foundation model id of the catalog` +
    (meant === undefined
      ? ' (such as anthropic.claude-3-haiku-20240307-v1:0; ListFoundationModels lists them).'
      : `: did you mean ${meant.modelId}?`)
  );
}

/**
 * Resolves runtime model identifiers in the region the call is made in: a bare foundation id, a `<geo>.<id>`
 * system inference profile (valid only for a geography the model lists, called from one of its source
 * regions), or either as an ARN of that region (and, for a profile, of the emulator's account). Anything else
 * is the real service's 400 "The provided model identifier is invalid." (§0.6: unknown ids are 400, not 404).
 */
export class ModelIdResolver {
  private readonly byId: Map<string, CatalogModel>;

  constructor(
    models: readonly CatalogModel[],
    private readonly endOfLife: ReadonlySet<string> = new Set(),
  ) {
    this.byId = new Map(models.map((model) => [model.modelId, model]));
    for (const modelId of endOfLife) {
      if (!this.byId.has(modelId)) throw new Error(notAFoundationModelId(modelId, models));
    }
  }

  /** A catalog model by bare id or foundation-model ARN of `region` (control plane), regardless of profiles. */
  findFoundationModel(identifier: string, region: string): CatalogModel | undefined {
    const modelId = foundationModelIdIn(identifier, region);
    return modelId === undefined ? undefined : this.byId.get(modelId);
  }

  /** Whether the model was flipped to end of life (`--end-of-life`): the runtime answers 404 for it. */
  isEndOfLife(modelId: string): boolean {
    return this.endOfLife.has(modelId);
  }

  /** `region`: where the call is made (its SigV4 credential scope's region, else the emulator's). */
  resolve(identifier: string, operation: RuntimeOperation, region: string): ResolvedModel {
    const resolved = this.resolveIdentifier(identifier, region);
    const { model } = resolved;
    if (this.isEndOfLife(model.modelId)) throw EmulatorError.resourceNotFound(END_OF_LIFE_MESSAGE);
    if (resolved.inferenceProfileId === undefined && model.inferenceProfile.required) {
      throw EmulatorError.validation(onDemandUnsupported(model.modelId));
    }
    this.checkOperation(model, operation);
    return resolved;
  }

  private resolveIdentifier(identifier: string, region: string): ResolvedModel {
    if (identifier.length === 0 || identifier.length > MAX_IDENTIFIER_LENGTH)
      throw EmulatorError.invalidModelId();
    const bare = this.findFoundationModel(identifier, region);
    if (bare) return { model: bare, requestedId: identifier };
    const profileId = inferenceProfileIdIn(identifier, region);
    if (profileId === undefined) throw EmulatorError.invalidModelId();
    const model = this.findProfileModel(profileId, region);
    if (!model) throw EmulatorError.invalidModelId();
    return { model, requestedId: identifier, inferenceProfileId: profileId };
  }

  /**
   * `<geo>.<modelId>` where the geography is one the catalog lists for that model and `region` is one of
   * that geography's source regions (`eu.` is invalid from us-east-1, as on Bedrock).
   */
  private findProfileModel(profileId: string, region: string): CatalogModel | undefined {
    const dot = profileId.indexOf('.');
    if (dot <= 0) return undefined;
    const geography = profileId.slice(0, dot);
    const model = this.byId.get(profileId.slice(dot + 1));
    const offered =
      model?.inferenceProfile.geographies.includes(geography) && isSourceRegion(geography, region);
    return offered ? model : undefined;
  }

  private checkOperation(model: CatalogModel, operation: RuntimeOperation): void {
    const isEmbedding = model.kind === 'embedding';
    switch (operation) {
      case 'InvokeModel':
        return;
      case 'InvokeModelWithResponseStream':
        if (!model.streaming || isEmbedding)
          throw EmulatorError.validation('The model is unsupported for streaming.');
        return;
      case 'Converse':
      case 'ConverseStream':
        if (isEmbedding) {
          throw EmulatorError.validation(
            "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
          );
        }
        if (operation === 'ConverseStream' && !model.streaming) {
          throw EmulatorError.validation('The model is unsupported for streaming.');
        }
        return;
    }
  }
}
