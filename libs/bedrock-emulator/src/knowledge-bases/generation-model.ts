import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import type { ModelIdResolver } from '../model-resolution/model-id-resolver';

/**
 * Resolves RetrieveAndGenerate's `modelArn` (a model id, a foundation-model ARN, an inference-profile id such as
 * `us.anthropic…`, or an inference-profile ARN) as the runtime resolves a model id, in `region` and against the
 * emulator's own models: unknown ids give `The provided model identifier is invalid.`, a profile-only model named without a
 * profile the on-demand message of shared/docs/bedrock-wire.md §4.3, an end-of-life model the runtime's 404.
 * Only text models generate, so an embedding model is as invalid as an unknown one.
 */
export function resolveGenerationModel(
  models: ModelIdResolver,
  modelArn: string,
  region: string,
): CatalogModel {
  const { model } = models.resolve(modelArn, 'InvokeModel', region);
  if (model.kind !== 'text') throw EmulatorError.invalidModelId();
  return model;
}
