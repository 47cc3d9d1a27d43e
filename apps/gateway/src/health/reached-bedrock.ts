interface AwsErrorLike {
  $metadata?: { httpStatusCode?: number };
}

/**
 * Whether a failed control-plane call still proves Bedrock answers: any HTTP answer below 500 does
 * (AccessDenied for ListFoundationModels, throttling). A missing IAM permission on the probe, or a busy
 * control plane, is not a reason to take every instance out of the load balancer; network errors,
 * timeouts and 5xx are.
 */
export function reachedBedrock(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as AwsErrorLike).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
