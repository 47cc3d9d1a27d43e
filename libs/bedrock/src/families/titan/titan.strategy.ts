import { Injectable } from '@nestjs/common';
import type { ResolvedModel } from '../../catalog/resolved-model';
import {
  FamilyStrategy,
  type CanonicalChatRequest,
  type CanonicalChatResult,
  type StreamChunkUpdate,
  type TokenHeaders,
} from '../family-strategy';
import { buildTitanRequest } from './titan-request';
import { parseTitanResponse } from './titan-response';
import { parseTitanStreamChunk } from './titan-stream';

/** Amazon Titan Text Express / Lite / Premier (`titan-text`). */
@Injectable()
export class TitanStrategy extends FamilyStrategy {
  readonly family = 'titan' as const;

  supports(model: ResolvedModel): boolean {
    return model.schema === 'titan-text';
  }

  buildRequest(request: CanonicalChatRequest): Record<string, unknown> {
    return buildTitanRequest(request);
  }

  parseResponse(body: unknown, headers: TokenHeaders): CanonicalChatResult {
    return parseTitanResponse(body, headers);
  }

  parseStreamChunk(chunk: unknown): StreamChunkUpdate {
    return parseTitanStreamChunk(chunk);
  }
}
