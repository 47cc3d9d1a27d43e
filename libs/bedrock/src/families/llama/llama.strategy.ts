import { Injectable } from '@nestjs/common';
import { noNativeStops } from '../chat-turns';
import { SchemaStrategy } from '../schema-strategy';
import { buildLlamaRequest } from './llama-request';
import { parseLlamaResponse } from './llama-response';
import { parseLlamaStreamChunk } from './llama-stream';

/** Meta Llama 3, 3.1, 3.2 and 3.3 instruct models (`llama3`). */
@Injectable()
export class LlamaStrategy extends SchemaStrategy {
  readonly family = 'llama' as const;
  protected readonly codec = {
    schema: 'llama3' as const,
    buildRequest: buildLlamaRequest,
    parseResponse: parseLlamaResponse,
    parseStreamChunk: parseLlamaStreamChunk,
    /** Bedrock's Llama API has no stop-sequence parameter (llama-request.ts). */
    nativeStops: noNativeStops,
  };
}
