import { BedrockError, BedrockErrorCode } from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway-config';
import { type KnowledgeBaseConfig, findKnowledgeBase } from './knowledge-base-config';

/** The configured knowledge bases, looked up by alias or id. Shared by the RAG feature and policy checks. */
@Injectable()
export class KnowledgeBaseRegistry {
  private readonly entries: readonly KnowledgeBaseConfig[];
  private readonly defaultEntry: KnowledgeBaseConfig | undefined;

  constructor(config: GatewayConfig) {
    this.entries = config.knowledgeBases.entries;
    this.defaultEntry = config.knowledgeBases.default;
  }

  list(): readonly KnowledgeBaseConfig[] {
    return this.entries;
  }

  /** The named knowledge base, or the default when none is named; undefined when there is no such one. */
  find(aliasOrId: string | undefined): KnowledgeBaseConfig | undefined {
    return aliasOrId === undefined ? this.defaultEntry : findKnowledgeBase(this.entries, aliasOrId);
  }

  /**
   * `find`, or 404 `knowledge_base_not_found` listing the aliases `shown` admits (all by default; a
   * caller's allow-list, so that a 404 does not name other teams' knowledge bases).
   */
  resolve(
    aliasOrId: string | undefined,
    shown: (entry: KnowledgeBaseConfig) => boolean = () => true,
  ): KnowledgeBaseConfig {
    const entry = this.find(aliasOrId);
    if (!entry) {
      const known =
        this.entries
          .filter(shown)
          .map((e) => e.alias)
          .join(', ') || 'none';
      throw new BedrockError(
        BedrockErrorCode.KnowledgeBaseNotFound,
        `Unknown knowledge base "${(aliasOrId ?? '').slice(0, 200)}". Known aliases: ${known}.`,
      );
    }
    return entry;
  }
}
