import { CATALOG_DATA, type CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';

const FOUNDATION_MODEL_ARN = /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model\/(.+)$/;
const INFERENCE_PROFILE_ARN =
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:inference-profile\/(.+)$/;

/**
 * Resolves RetrieveAndGenerate's `modelArn` (a model id, a foundation-model ARN, an inference-profile id such as
 * `us.anthropic…`, or an inference-profile ARN) to a text model of the shared catalog. Unknown ids and
 * embedding models give `The provided model identifier is invalid.`; a profile-only model named without a
 * profile gives the on-demand message of shared/docs/bedrock-wire.md §4.3.
 */
export function resolveGenerationModel(modelArn: string): CatalogModel {
  const profileId = INFERENCE_PROFILE_ARN.exec(modelArn)?.[1];
  const identifier = profileId ?? FOUNDATION_MODEL_ARN.exec(modelArn)?.[1] ?? modelArn;
  const direct = findTextModel(identifier);
  if (direct && profileId === undefined) {
    if (direct.inferenceProfile.required) throw onDemandUnsupported(direct.modelId);
    return direct;
  }
  const dot = identifier.indexOf('.');
  const geography = identifier.slice(0, dot);
  const viaProfile = dot > 0 ? findTextModel(identifier.slice(dot + 1)) : undefined;
  if (viaProfile?.inferenceProfile.geographies.includes(geography)) return viaProfile;
  throw EmulatorError.invalidModelId();
}

function findTextModel(modelId: string): CatalogModel | undefined {
  return CATALOG_DATA.models.find((model) => model.modelId === modelId && model.kind === 'text');
}

function onDemandUnsupported(modelId: string): EmulatorError {
  return EmulatorError.validation(
    `Invocation of model ID ${modelId} with on-demand throughput isn\u2019t supported. Retry your request with ` +
      'the ID or ARN of an inference profile that contains this model.',
  );
}
