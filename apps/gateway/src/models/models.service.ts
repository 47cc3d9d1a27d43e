import {
  BedrockError,
  BedrockErrorCode,
  ModelCatalog,
  ModelResolver,
  type CatalogModel,
  type ResolvedModel,
} from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { ModelAvailability } from './model-availability.service';
import { toModelView, type ModelView } from './model-view';

/** Body of `GET /bedrock/models` (API.md). */
export interface ModelListResponse {
  default_model: string;
  models: ModelView[];
  /** Recommendation key (`cost_effective`, `best_reasoning`, `fastest`, `open_weight`, `aws_native`) → alias. */
  recommendation_guide: Record<string, string>;
}

/** The model catalog as the API shows it, with live availability when it is known. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly resolver: ModelResolver,
    private readonly availability: ModelAvailability,
  ) {}

  /** The catalog; `admitted` sees each model as a call naming its alias would (profile included). */
  list(admitted: (model: ResolvedModel) => boolean = () => true): ModelListResponse {
    const fallback = this.resolver.resolve(undefined);
    return {
      default_model: fallback.alias ?? fallback.invokeId,
      models: this.catalog
        .list()
        .filter((model) => admitted(this.resolver.resolve(model.alias)))
        .map((model) => this.view(model)),
      recommendation_guide: this.catalog.recommendations(),
    };
  }

  /** By alias, model id, inference-profile id or ARN; 404 `model_not_found` when the catalog has no such model. */
  get(reference: string): ModelView {
    const model = this.resolver.resolve(reference).catalog;
    if (!model) {
      throw new BedrockError(
        BedrockErrorCode.ModelNotFound,
        `"${reference.slice(0, 200)}" is not a catalog model. Aliases: ${this.catalog.aliases().join(', ')}.`,
      );
    }
    return this.view(model);
  }

  private view(model: CatalogModel): ModelView {
    const { modelId } = model;
    return toModelView(model, this.availability.isAvailable(modelId), this.availability.lifecycle(modelId));
  }
}
