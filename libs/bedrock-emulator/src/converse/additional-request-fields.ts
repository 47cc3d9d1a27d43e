import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import type { CanonicalPrompt } from '../generation/canonical-prompt';
import { TEXT_SCHEMAS, isTextSchema } from '../models/schemas/text-schemas';
import {
  CONVERSE_NATIVE_BODIES,
  type ConverseMember,
  type NativeKey,
  type PromptSetting,
} from './converse-native-body';
import { requireStructure } from './converse-validation';

export type PromptSettings = Partial<Pick<CanonicalPrompt, PromptSetting>>;

/**
 * `additionalModelRequestFields` (bedrock-wire.md §3.1). Bedrock merges it into the native body it builds from
 * the Converse members, so the model's own schema judges it: the native parser runs on the conversation with the
 * fields merged over it, and its error comes back as the model's (`The model returned the following errors:
 * Malformed input request: #: extraneous key [bogus_field] is not permitted, …`, the wording real Converse
 * answers with). A key Converse already wrote from one of its own members is refused with Bedrock's conflict
 * message (seen in BerriAI/litellm#13841); one Converse left out (`max_tokens` without `inferenceConfig.maxTokens`)
 * is the model's to read, so it sets the generation as it would natively.
 */
export function readAdditionalRequestFields(
  model: CatalogModel,
  request: Record<string, unknown>,
  inferenceConfig: Record<string, unknown>,
): PromptSettings {
  if (request.additionalModelRequestFields === undefined) return {};
  const fields = requireStructure(request.additionalModelRequestFields, 'additionalModelRequestFields');
  // Converse refuses non-text models before reading any member.
  if (!isTextSchema(model.schema)) return {};
  const native = CONVERSE_NATIVE_BODIES[model.schema];
  const nativeKeys = Object.keys(fields).map((key) => [key, ownEntry(native.keys, key)] as const);
  for (const [key, nativeKey] of nativeKeys) {
    if (nativeKey && isGiven(nativeKey.member, request, inferenceConfig)) {
      throw EmulatorError.validation(
        `The additional field ${key} conflicts with the existing field ${nativeKey.member}. Remove ${key} and try again.`,
      );
    }
  }
  const parsed = parseAsTheModel(model.schema, model, { ...native.conversation, ...fields });
  const settings: PromptSettings = {};
  for (const [, nativeKey] of nativeKeys) {
    for (const setting of nativeKey?.sets ?? []) Object.assign(settings, { [setting]: parsed[setting] });
  }
  return settings;
}

/** Own keys only: a caller's `constructor` or `toString` is not one of the table's. */
function ownEntry(keys: Readonly<Record<string, NativeKey>>, key: string): NativeKey | undefined {
  return Object.hasOwn(keys, key) ? keys[key] : undefined;
}

function isGiven(
  member: ConverseMember,
  request: Record<string, unknown>,
  inferenceConfig: Record<string, unknown>,
): boolean {
  switch (member) {
    case 'messages':
    case 'system':
    case 'toolConfig':
    case 'inferenceConfig':
      return request[member] !== undefined;
    case 'maxTokens':
    case 'temperature':
    case 'topP':
    case 'stopSequences':
      return inferenceConfig[member] !== undefined;
  }
}

/** Converse wraps a model's refusal as it wraps every model error (cf. models/exclusive-sampling.ts). */
function parseAsTheModel(
  schema: keyof typeof TEXT_SCHEMAS,
  model: CatalogModel,
  body: Record<string, unknown>,
): CanonicalPrompt {
  try {
    return TEXT_SCHEMAS[schema].parse(model, body);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    throw EmulatorError.validation(`The model returned the following errors: ${error.message}`);
  }
}
