/** An AWS region name: `us-east-1`, `eu-central-2`, `us-gov-west-1`. */
export const AWS_REGION_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const AWS_REGION_MESSAGE = 'must be an AWS region name (like us-west-2)';
