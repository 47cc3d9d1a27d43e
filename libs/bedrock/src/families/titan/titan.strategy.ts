import { Injectable } from '@nestjs/common';
import { SchemaStrategy } from '../schema-strategy';
import { buildTitanRequest, titanNativeStops } from './titan-request';
import { parseTitanResponse } from './titan-response';
import { parseTitanStreamChunk } from './titan-stream';

/** Amazon Titan Text Express / Lite / Premier (`titan-text`). */
@Injectable()
export class TitanStrategy extends SchemaStrategy {
  readonly family = 'titan' as const;
  protected readonly codec = {
    schema: 'titan-text' as const,
    buildRequest: buildTitanRequest,
    parseResponse: parseTitanResponse,
    parseStreamChunk: parseTitanStreamChunk,
    nativeStops: titanNativeStops,
  };
}
