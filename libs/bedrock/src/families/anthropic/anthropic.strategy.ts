import { Injectable } from '@nestjs/common';
import { SchemaStrategy } from '../schema-strategy';
import { anthropicNativeStops, buildAnthropicRequest } from './anthropic-request';
import { parseAnthropicResponse } from './anthropic-response';
import { parseAnthropicStreamChunk } from './anthropic-stream';

/** Anthropic Claude through the Messages API (`anthropic-messages`). */
@Injectable()
export class AnthropicStrategy extends SchemaStrategy {
  readonly family = 'anthropic' as const;
  protected readonly codec = {
    schema: 'anthropic-messages' as const,
    buildRequest: buildAnthropicRequest,
    parseResponse: parseAnthropicResponse,
    parseStreamChunk: parseAnthropicStreamChunk,
    nativeStops: anthropicNativeStops,
  };
}
