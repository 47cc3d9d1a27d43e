import { GovernanceService, isPolicyDenial, type Principal } from '@app/governance';
import type { KnowledgeBaseConfig } from '../common/knowledge-bases/knowledge-base-config';

/**
 * For `GET /bedrock/knowledge-bases`: keeps the knowledge bases the caller's allow-list admits (by alias
 * or id, as for RAG calls). Without a principal (never on a guarded route) nothing is listed.
 */
export function knowledgeBaseFilter(
  governance: GovernanceService,
  principal: Principal | undefined,
): (knowledgeBase: KnowledgeBaseConfig) => boolean {
  return (knowledgeBase) => {
    if (!principal) return false;
    try {
      governance.authorizeKnowledgeBase(principal, knowledgeBase.alias, knowledgeBase.id);
      return true;
    } catch (error) {
      if (isPolicyDenial(error)) return false;
      throw error;
    }
  };
}
