import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import type { RuntimeOperation } from '../routes/operation.types';
import { parseFoundationModelArn, parseInferenceProfileArn } from './bedrock-arn';
import type { ResolvedModel } from './resolved-model';

/** InvokeModelIdentifier max length [M]. */
const MAX_IDENTIFIER_LENGTH = 2048;

const END_OF_LIFE_MESSAGE =
  'This model version has reached the end of its life. Please refer to the AWS documentation for more details.';

const onDemandUnsupported = (modelId: string): string =>
  `Invocation of model ID ${modelId} with on-demand throughput isn\u2019t supported. ` +
  'Retry your request with the ID or ARN of an inference profile that contains this model.';

/**
 * Resolves runtime model identifiers: a bare foundation id, a `<geo>.<id>` system inference profile
 * (valid only for a geography the model lists), or either as an ARN. Anything else is the real service's
 * 400 "The provided model identifier is invalid." (§0.6: unknown ids are 400, not 404).
 */
export class ModelIdResolver {
  private readonly byId: Map<string, CatalogModel>;

  constructor(
    models: readonly CatalogModel[],
    private readonly endOfLife: ReadonlySet<string> = new Set(),
  ) {
    this.byId = new Map(models.map((model) => [model.modelId, model]));
  }

  /** A catalog model by bare id or foundation-model ARN (control plane), regardless of profiles. */
  findFoundationModel(identifier: string): CatalogModel | undefined {
    return this.byId.get(parseFoundationModelArn(identifier) ?? identifier);
  }

  /** Whether the model was flipped to end of life (`--end-of-life`): the runtime answers 404 for it. */
  isEndOfLife(modelId: string): boolean {
    return this.endOfLife.has(modelId);
  }

  resolve(identifier: string, operation: RuntimeOperation): ResolvedModel {
    const resolved = this.resolveIdentifier(identifier);
    const { model } = resolved;
    if (this.isEndOfLife(model.modelId)) throw EmulatorError.resourceNotFound(END_OF_LIFE_MESSAGE);
    if (resolved.inferenceProfileId === undefined && model.inferenceProfile.required) {
      throw EmulatorError.validation(onDemandUnsupported(model.modelId));
    }
    this.checkOperation(model, operation);
    return resolved;
  }

  private resolveIdentifier(identifier: string): ResolvedModel {
    if (identifier.length === 0 || identifier.length > MAX_IDENTIFIER_LENGTH)
      throw EmulatorError.invalidModelId();
    const bare = this.findFoundationModel(identifier);
    if (bare) return { model: bare, requestedId: identifier };
    const profileId = parseInferenceProfileArn(identifier) ?? identifier;
    const model = this.findProfileModel(profileId);
    if (!model) throw EmulatorError.invalidModelId();
    return { model, requestedId: identifier, inferenceProfileId: profileId };
  }

  /** `<geo>.<modelId>` where the geography is one the catalog lists for that model. */
  findProfileModel(profileId: string): CatalogModel | undefined {
    const dot = profileId.indexOf('.');
    if (dot <= 0) return undefined;
    const model = this.byId.get(profileId.slice(dot + 1));
    return model?.inferenceProfile.geographies.includes(profileId.slice(0, dot)) ? model : undefined;
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
