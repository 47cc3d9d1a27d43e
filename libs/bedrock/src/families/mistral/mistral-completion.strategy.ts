import { Injectable } from '@nestjs/common';
import { SchemaStrategy } from '../schema-strategy';
import { buildMistralCompletionRequest } from './mistral-completion-request';
import {
  parseMistralCompletionResponse,
  parseMistralCompletionStreamChunk,
} from './mistral-completion-response';

/** Mistral 7B Instruct, Mixtral 8x7B, Mistral Large and Small 2402 through the `[INST]` template (`mistral-completion`). */
@Injectable()
export class MistralCompletionStrategy extends SchemaStrategy {
  readonly family = 'mistral' as const;
  protected readonly codec = {
    schema: 'mistral-completion' as const,
    buildRequest: buildMistralCompletionRequest,
    parseResponse: parseMistralCompletionResponse,
    parseStreamChunk: parseMistralCompletionStreamChunk,
  };
}
