/** The fixed account id the emulator's ARNs carry. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

const FOUNDATION_MODEL_ARN = /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model\/(.+)$/;
const INFERENCE_PROFILE_ARN =
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:inference-profile\/(.+)$/;

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

export function inferenceProfileArn(region: string, profileId: string): string {
  return `arn:aws:bedrock:${region}:${EMULATOR_ACCOUNT_ID}:inference-profile/${profileId}`;
}

/** The model id inside a foundation-model ARN, or undefined when `text` is not one. */
export function parseFoundationModelArn(text: string): string | undefined {
  return FOUNDATION_MODEL_ARN.exec(text)?.[1];
}

/** The profile id inside an inference-profile ARN, or undefined when `text` is not one. */
export function parseInferenceProfileArn(text: string): string | undefined {
  return INFERENCE_PROFILE_ARN.exec(text)?.[1];
}
