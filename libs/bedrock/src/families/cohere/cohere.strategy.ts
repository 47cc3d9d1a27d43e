import { Injectable } from '@nestjs/common';
import { SchemaStrategy } from '../schema-strategy';
import { buildCohereRequest } from './cohere-request';
import { parseCohereResponse, parseCohereStreamChunk } from './cohere-response';

/** Cohere Command R and R+ (`cohere-command-r`). */
@Injectable()
export class CohereStrategy extends SchemaStrategy {
  readonly family = 'cohere' as const;
  protected readonly codec = {
    schema: 'cohere-command-r' as const,
    buildRequest: buildCohereRequest,
    parseResponse: parseCohereResponse,
    parseStreamChunk: parseCohereStreamChunk,
  };
}
