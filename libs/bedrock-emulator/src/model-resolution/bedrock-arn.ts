/** The fixed account id the emulator's ARNs carry. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

const FOUNDATION_MODEL_ARN = /^arn:aws(?:-[^:]+)?:bedrock:([a-z0-9-]{1,20})::foundation-model\/(.+)$/;
const INFERENCE_PROFILE_ARN =
  /^arn:aws(?:-[^:]+)?:bedrock:([a-z0-9-]{1,20}):([0-9]{12}):inference-profile\/(.+)$/;

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

export function inferenceProfileArn(region: string, profileId: string): string {
  return `arn:aws:bedrock:${region}:${EMULATOR_ACCOUNT_ID}:inference-profile/${profileId}`;
}

/**
 * The model id `identifier` names in `region`: the id inside a foundation-model ARN of that region, undefined
 * for one of another region, and `identifier` itself when it is no foundation-model ARN.
 */
export function foundationModelIdIn(identifier: string, region: string): string | undefined {
  const arn = FOUNDATION_MODEL_ARN.exec(identifier);
  if (!arn) return identifier;
  return arn[1] === region ? arn[2] : undefined;
}

/**
 * The profile id `identifier` names in `region`: the id inside an inference-profile ARN of that region and the
 * emulator's account, undefined for one of another region or account, and `identifier` itself when it is no
 * inference-profile ARN.
 */
export function inferenceProfileIdIn(identifier: string, region: string): string | undefined {
  const arn = INFERENCE_PROFILE_ARN.exec(identifier);
  if (!arn) return identifier;
  return arn[1] === region && arn[2] === EMULATOR_ACCOUNT_ID ? arn[3] : undefined;
}
