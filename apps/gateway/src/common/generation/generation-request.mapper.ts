import type { CanonicalChatRequest, ChatTurn, ResolvedModel } from '@app/bedrock';
import { ApiError } from '../errors/api-error';
import { fieldOrSynonym } from '../http/synonym-field';
import type { GenerationFieldsDto } from './generation-fields.dto';

/** Output budget when neither the caller nor the catalog names one (a model behind an ARN hint). */
const FALLBACK_MAX_TOKENS = 1024;

/** `model` or its synonym `model_name`. */
export function requestedModel(dto: GenerationFieldsDto): string | undefined {
  return fieldOrSynonym('model', dto.model, 'model_name', dto.model_name);
}

/** Builds the family-neutral request, checking what only the model can tell (output limit, sampling). */
export function toCanonicalRequest(
  dto: GenerationFieldsDto,
  messages: ChatTurn[],
  model: ResolvedModel,
): CanonicalChatRequest {
  const catalog = model.catalog;
  if (catalog?.kind === 'embedding') {
    throw ApiError.validation('model', `${catalog.alias} is an embedding model; chat needs a text model`);
  }
  const limit = catalog?.maxOutputTokens;
  if (dto.max_tokens !== undefined && limit !== undefined && dto.max_tokens > limit) {
    throw ApiError.validation('max_tokens', `must not be greater than ${limit}`);
  }
  if (catalog?.exclusiveSampling && dto.temperature !== undefined && dto.top_p !== undefined) {
    throw ApiError.validation('top_p', `${catalog.alias} takes temperature or top_p, not both`);
  }
  return {
    system: dto.system_prompt,
    messages,
    maxTokens: dto.max_tokens ?? catalog?.defaultMaxTokens ?? FALLBACK_MAX_TOKENS,
    temperature: dto.temperature,
    topP: dto.top_p,
    stopSequences: dto.stop_sequences,
  };
}
