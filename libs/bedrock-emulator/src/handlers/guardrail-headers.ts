import { EmulatorError } from '../errors/emulator-error';
import {
  GUARDRAIL_ID_MAX_LENGTH,
  GUARDRAIL_ID_PATTERN,
  GUARDRAIL_VERSION_PATTERN,
  VERSION_REQUIRED_MESSAGE,
  wholeMatch,
} from '../guardrails/guardrail-formats';
import { optionalString } from '../knowledge-bases/request-validation';

/** The body field that tags input for a guardrail (§1.1); only allowed with a guardrail id. */
export const GUARDRAIL_BODY_FIELD = 'amazon-bedrock-guardrailConfig';

const GUARDRAIL_ID = wholeMatch(GUARDRAIL_ID_PATTERN);
const GUARDRAIL_VERSION = wholeMatch(GUARDRAIL_VERSION_PATTERN);

/**
 * InvokeModel's guardrail rules (bedrock-wire.md §1.1): the header formats, a version with every id, and
 * `amazon-bedrock-guardrailConfig` in the body only with an id. The emulator has no guardrails to apply,
 * so a valid one lets the call through untouched; the body comes back without the guardrail field, which
 * is Bedrock's, not the model's.
 */
export function checkGuardrail(header: (name: string) => string | undefined, body: unknown): unknown {
  const id = optionalString(header('x-amzn-bedrock-guardrailidentifier'), 'guardrailIdentifier', {
    max: GUARDRAIL_ID_MAX_LENGTH,
    pattern: GUARDRAIL_ID,
  });
  const version = optionalString(header('x-amzn-bedrock-guardrailversion'), 'guardrailVersion', {
    max: 8,
    pattern: GUARDRAIL_VERSION,
  });
  const tagged = typeof body === 'object' && body !== null && GUARDRAIL_BODY_FIELD in body;
  if (!id) {
    if (tagged) {
      throw EmulatorError.validation(
        `${GUARDRAIL_BODY_FIELD} is present in the body but no guardrail identifier was given.`,
      );
    }
    return body;
  }
  if (!version) throw EmulatorError.validation(VERSION_REQUIRED_MESSAGE);
  if (!tagged) return body;
  const { [GUARDRAIL_BODY_FIELD]: _config, ...modelBody } = body as Record<string, unknown>;
  return modelBody;
}
