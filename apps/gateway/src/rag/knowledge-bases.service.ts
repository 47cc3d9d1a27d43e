import { Injectable } from '@nestjs/common';
import type { KnowledgeBaseConfig } from '../common/knowledge-bases/knowledge-base-config';
import { KnowledgeBaseRegistry } from '../common/knowledge-bases/knowledge-base.registry';

export interface KnowledgeBaseView {
  alias: string;
  id: string;
  description: string;
  region: string;
}

export interface KnowledgeBaseList {
  knowledge_bases: KnowledgeBaseView[];
}

/** Which knowledge bases a caller may use (governance's allow-list); absent: all of them. */
export type KnowledgeBaseFilter = (kb: KnowledgeBaseConfig) => boolean;

/** GET /bedrock/knowledge-bases: the configured knowledge bases, as API.md shows them. */
@Injectable()
export class KnowledgeBasesService {
  constructor(private readonly registry: KnowledgeBaseRegistry) {}

  list(allowed: KnowledgeBaseFilter = () => true): KnowledgeBaseList {
    return {
      knowledge_bases: this.registry
        .list()
        .filter(allowed)
        .map(({ alias, id, description, region }) => ({ alias, id, description, region })),
    };
  }
}
