import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';

/**
 * Claude 4.5 models refuse `temperature` and `top_p` in one request, in InvokeModel and Converse alike
 * (`CatalogModel.exclusiveSampling`), with Anthropic's message wrapped as Bedrock wraps a model's errors.
 */
export function checkExclusiveSampling(model: CatalogModel, temperature?: number, topP?: number): void {
  if (model.exclusiveSampling && temperature !== undefined && topP !== undefined) {
    throw EmulatorError.validation(
      'The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one.',
    );
  }
}
