/**
 * Guardrail identifier and version formats, as the API reference gives them for InvokeModel's headers and
 * Converse's `guardrailConfig` (shared/docs/bedrock-wire.md §1.1, §3.1). Both allow the empty string: no guardrail.
 */
export const GUARDRAIL_ID_PATTERN =
  '(|([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))';
export const GUARDRAIL_VERSION_PATTERN = '(|([1-9][0-9]{0,7})|(DRAFT))';
export const GUARDRAIL_ID_MAX_LENGTH = 2048;

/** The service's rule for a guardrail named without a version (InvokeModel's documentation, §1.1). */
export const VERSION_REQUIRED_MESSAGE = 'A guardrail identifier was given without a guardrail version.';

/** A pattern of the API reference, matched against the whole value. */
export function wholeMatch(pattern: string): RegExp {
  return new RegExp(`^${pattern}$`);
}
