import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';

const MESSAGE = '`temperature` and `top_p` cannot both be specified for this model. Please use only one.';

/**
 * Claude 4.5 models refuse `temperature` and `top_p` in one request (`CatalogModel.exclusiveSampling`):
 * InvokeModel passes Anthropic's message as it is, Converse wraps it as it wraps a model's errors.
 */
export function checkExclusiveSampling(
  model: CatalogModel,
  operation: 'invoke' | 'converse',
  temperature?: number,
  topP?: number,
): void {
  if (model.exclusiveSampling && temperature !== undefined && topP !== undefined) {
    throw EmulatorError.validation(
      operation === 'invoke' ? MESSAGE : `The model returned the following errors: ${MESSAGE}`,
    );
  }
}
