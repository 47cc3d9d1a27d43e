import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { checkExclusiveSampling } from '../models/exclusive-sampling';
import { nativeDefaultMaxTokens } from '../models/schemas/body-fields';
import type { CanonicalPrompt, PromptTurn } from '../generation/canonical-prompt';
import { readAdditionalRequestFields } from './additional-request-fields';
import { contentBlockText, systemBlockText } from './converse-content';
import { checkConverseSettings } from './converse-settings';
import { checkToolBlocksHaveConfig, readToolConfig } from './converse-tools';
import { constraintError, readNumberInRange, requireArray, requireStructure } from './converse-validation';
import { readResponseFieldPaths } from './response-field-paths';

/** A Converse request as the generator and the response need it. */
export interface ConverseRequest {
  prompt: CanonicalPrompt;
  /** `additionalModelResponseFieldPaths`: JSON pointers into the model's native answer. */
  responseFieldPaths: string[];
}

/** Converse / ConverseStream request → canonical prompt (shared/docs/bedrock-wire.md §3.1, §8.1). */
export function parseConverseRequest(
  model: CatalogModel,
  body: unknown,
  operation: 'converse' | 'converse-stream' = 'converse',
): ConverseRequest {
  if (model.kind !== 'text')
    throw EmulatorError.validation("This model doesn't support the Converse operation.");
  const request = requireStructure(body, 'body');
  const messages = requireArray(request.messages, 'messages');
  const turns = messages.map((message, index) => readTurn(model, message, index));
  checkRoleOrder(turns);
  checkToolBlocksHaveConfig(messages, request.toolConfig);
  const config =
    request.inferenceConfig === undefined ? {} : requireStructure(request.inferenceConfig, 'inferenceConfig');
  const toolConfig = readToolConfig(model, request.toolConfig, operation);
  checkConverseSettings(request, operation);
  const responseFieldPaths = readResponseFieldPaths(request.additionalModelResponseFieldPaths);
  const conversed: CanonicalPrompt = {
    system: readSystem(model, request.system),
    turns,
    maxTokens: readMaxTokens(model, config.maxTokens),
    temperature: readNumberInRange(config.temperature, 'inferenceConfig.temperature', 0, 1),
    topP: readNumberInRange(config.topP, 'inferenceConfig.topP', 0, 1),
    stopSequences: readStopSequences(config.stopSequences),
    documents: [],
    ...(toolConfig === undefined
      ? {}
      : { tools: { ...toolConfig, answersToolResult: endsWithToolResult(request.messages) } }),
  };
  const prompt = { ...conversed, ...readAdditionalRequestFields(model, request, config) };
  checkExclusiveSampling(model, 'converse', prompt.temperature, prompt.topP);
  return { prompt, responseFieldPaths };
}

function readTurn(model: CatalogModel, message: unknown, index: number): PromptTurn {
  const field = `messages.${index}.member`;
  const fields = requireStructure(message, field);
  if (fields.role !== 'user' && fields.role !== 'assistant') {
    throw constraintError(
      `${field}.role`,
      fields.role,
      'Member must satisfy enum value set: [user, assistant]',
    );
  }
  const content = requireArray(fields.content, `${field}.content`);
  if (content.length === 0) {
    throw EmulatorError.validation(
      `The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`,
    );
  }
  const text = content
    .map((block, blockIndex) => contentBlockText(model, block, `messages.${index}.content.${blockIndex}`))
    .filter((part) => part !== '')
    .join('\n');
  return { role: fields.role, text };
}

/** Whether the last message (already validated) carries a `toolResult` block. */
function endsWithToolResult(messages: unknown): boolean {
  const last = Array.isArray(messages) ? (messages.at(-1) as { content?: unknown } | undefined) : undefined;
  const content = Array.isArray(last?.content) ? (last.content as unknown[]) : [];
  return content.some((block) => typeof block === 'object' && block !== null && 'toolResult' in block);
}

/** Bedrock's own wording, with the offending member added so callers can find it. */
function checkRoleOrder(turns: PromptTurn[]): void {
  if (turns[0]?.role !== 'user') {
    throw EmulatorError.validation(
      'A conversation must start with a user message (messages.0.role). Try again with a conversation that starts with a user message.',
    );
  }
  turns.forEach((turn, index) => {
    if (index > 0 && turns[index - 1]?.role === turn.role) {
      throw EmulatorError.validation(
        `A conversation must alternate between user and assistant roles (messages.${index}.role). Make sure the conversation alternates between user and assistant roles and try again.`,
      );
    }
  });
}

/** Titan, Mistral 7B and Mixtral take no system prompt through Converse (§8.1). */
function readSystem(model: CatalogModel, system: unknown): string {
  if (system === undefined) return '';
  const blocks = requireArray(system, 'system');
  if (blocks.length > 0 && !model.systemPrompt) {
    throw EmulatorError.validation("This model doesn't support system messages.");
  }
  return blocks
    .map((block, index) => systemBlockText(block, `system.${index}`))
    .filter((text) => text !== '')
    .join('\n');
}

function readMaxTokens(model: CatalogModel, value: unknown): number {
  const field = 'inferenceConfig.maxTokens';
  const maxTokens = readNumberInRange(value, field, 1, Number.MAX_SAFE_INTEGER, true);
  if (maxTokens === undefined) return nativeDefaultMaxTokens(model);
  if (maxTokens > model.maxOutputTokens) {
    throw EmulatorError.validation(
      `The maximum tokens you requested (${field} = ${maxTokens}) exceeds the model limit of ${model.maxOutputTokens}. Try again with a maximum tokens value that is not higher than ${model.maxOutputTokens}.`,
    );
  }
  return maxTokens;
}

function readStopSequences(value: unknown): string[] {
  if (value === undefined) return [];
  const field = 'inferenceConfig.stopSequences';
  const list = requireArray(value, field);
  if (list.length > 2500)
    throw constraintError(field, list.length, 'Member must have length less than or equal to 2500');
  return list.map((item, index) => {
    if (typeof item !== 'string' || item === '') {
      throw constraintError(`${field}.${index}.member`, item, 'Member must be a non-empty string');
    }
    return item;
  });
}
