import { Inject, Injectable } from '@nestjs/common';
import { ModelCatalog } from '../catalog/model-catalog.service';
import type { ResolvedModel } from '../catalog/resolved-model';
import { BEDROCK_MODULE_OPTIONS } from '../clients/bedrock.constants';
import type { BedrockModuleOptions } from '../clients/bedrock-module-options';
import { BedrockError } from '../errors/bedrock-error';
import { BedrockErrorCode } from '../errors/bedrock-error-code';

/** Turns a caller's model reference (or none: the default) into a `ResolvedModel`, or a 404 listing aliases. */
@Injectable()
export class ModelResolver {
  constructor(
    private readonly catalog: ModelCatalog,
    @Inject(BEDROCK_MODULE_OPTIONS) private readonly options: BedrockModuleOptions,
  ) {}

  /**
   * `region`: where the call will be made, when not the primary region (a knowledge base's own region for
   * RetrieveAndGenerate); it picks the geography prefix a model that needs an inference profile gets.
   */
  resolve(requested: string | undefined, region = this.options.regions[0]): ResolvedModel {
    const input = requested ?? this.options.defaultModel ?? this.catalog.defaultModel().alias;
    const model = this.catalog.resolve(input, {
      region,
      arnHints: this.options.arnHints,
    });
    if (!model) {
      throw new BedrockError(
        BedrockErrorCode.ModelNotFound,
        `Unknown model "${input.slice(0, 200)}". Use a model id, an inference-profile id or ARN, or one of the aliases: ${this.catalog.aliases().join(', ')}.`,
      );
    }
    return model;
  }
}
