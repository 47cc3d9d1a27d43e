import type { CatalogModel } from '@app/bedrock';
import type { ModelIdResolver } from '../model-resolution/model-id-resolver';
import { resolveGenerationModel } from './generation-model';
import { parseVectorSearch, type VectorSearch } from './retrieve-request';
import {
  constraintViolation,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  requiredMember,
} from './request-validation';

export interface RetrieveAndGenerateRequest {
  text: string;
  sessionId?: string;
  knowledgeBaseId: string;
  model: CatalogModel;
  search: VectorSearch;
  maxTokens?: number;
  /** `textInferenceConfig.stopSequences`: the answer ends before the first one it contains. */
  stopSequences: string[];
}

const CONFIGURATION = 'retrieveAndGenerateConfiguration';
const KB_CONFIGURATION = `${CONFIGURATION}.knowledgeBaseConfiguration`;

/**
 * Validates a RetrieveAndGenerate request as the service does (shared/docs/bedrock-wire.md §5.2). Only the
 * KNOWLEDGE_BASE type is emulated; here `knowledgeBaseId` is a bare id (no ARN).
 */
export function parseRetrieveAndGenerateRequest(
  body: unknown,
  models: ModelIdResolver,
  region: string,
): RetrieveAndGenerateRequest {
  const request = optionalObject(body, 'body') ?? {};
  const input = optionalObject(request.input, 'input');
  if (!input) throw requiredMember('input');
  const text = optionalString(input.text, 'input.text', { max: 1000 });
  if (text === undefined) throw requiredMember('input.text');
  if (text.trim().length === 0) throw constraintViolation(text, 'input.text', 'not be blank');

  const configuration = optionalObject(request.retrieveAndGenerateConfiguration, CONFIGURATION);
  if (!configuration) throw requiredMember(CONFIGURATION);
  if (configuration.type !== 'KNOWLEDGE_BASE') {
    throw constraintViolation(
      configuration.type,
      `${CONFIGURATION}.type`,
      'be KNOWLEDGE_BASE (EXTERNAL_SOURCES is not emulated)',
    );
  }
  const kb = optionalObject(configuration.knowledgeBaseConfiguration, KB_CONFIGURATION);
  if (!kb) throw requiredMember(KB_CONFIGURATION);
  const knowledgeBaseId = optionalString(kb.knowledgeBaseId, `${KB_CONFIGURATION}.knowledgeBaseId`, {
    min: 1,
    max: 10,
    pattern: /^[0-9a-zA-Z]+$/,
  });
  if (knowledgeBaseId === undefined) throw requiredMember(`${KB_CONFIGURATION}.knowledgeBaseId`);
  const modelArn = optionalString(kb.modelArn, `${KB_CONFIGURATION}.modelArn`, { min: 1, max: 2048 });
  if (modelArn === undefined) throw requiredMember(`${KB_CONFIGURATION}.modelArn`);

  const retrieval = optionalObject(kb.retrievalConfiguration, `${KB_CONFIGURATION}.retrievalConfiguration`);
  return {
    text,
    sessionId: optionalString(request.sessionId, 'sessionId', {
      min: 2,
      max: 100,
      pattern: /^[0-9a-zA-Z._:-]+$/,
    }),
    knowledgeBaseId,
    model: resolveGenerationModel(models, modelArn, region),
    search: parseVectorSearch(
      retrieval?.vectorSearchConfiguration,
      `${KB_CONFIGURATION}.retrievalConfiguration`,
    ),
    ...parseTextInference(kb.generationConfiguration),
  };
}

/** `generationConfiguration.inferenceConfig.textInferenceConfig`: maxTokens 0..65536, stopSequences ≤ 4. */
function parseTextInference(
  generationConfiguration: unknown,
): Pick<RetrieveAndGenerateRequest, 'maxTokens' | 'stopSequences'> {
  const path = `${KB_CONFIGURATION}.generationConfiguration`;
  const generation = optionalObject(generationConfiguration, path);
  const inference = optionalObject(generation?.inferenceConfig, `${path}.inferenceConfig`);
  const textPath = `${path}.inferenceConfig.textInferenceConfig`;
  const textConfig = optionalObject(inference?.textInferenceConfig, textPath);
  return {
    maxTokens: optionalInteger(textConfig?.maxTokens, `${textPath}.maxTokens`, 0, 65536),
    stopSequences:
      optionalStringList(textConfig?.stopSequences, `${textPath}.stopSequences`, 4, {
        min: 1,
        max: 1000,
      }) ?? [],
  };
}
