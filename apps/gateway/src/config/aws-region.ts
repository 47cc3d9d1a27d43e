/**
 * An AWS region name, in any partition: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `us-iso-east-1`,
 * `us-isob-east-1`, `eusc-de-east-1`. A syntactic check: it catches typos, not unknown regions.
 */
export const AWS_REGION_NAME = /^[a-z]{2,4}(-[a-z]+){1,3}-\d{1,2}$/;

export const AWS_REGION_MESSAGE = 'must be an AWS region name (like us-west-2)';
