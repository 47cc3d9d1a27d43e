import type { ResolvedModel } from '@app/bedrock';
import { GovernanceService, isPolicyDenial, type Principal } from '@app/governance';
import type { KnowledgeBaseConfig } from '../common/knowledge-bases/knowledge-base-config';

/**
 * Whether `authorize` admits the caller, for the listings, which show a key only what it may use.
 * Without a principal (never on a guarded route) nothing is listed.
 */
function admits(principal: Principal | undefined, authorize: (principal: Principal) => void): boolean {
  if (!principal) return false;
  try {
    authorize(principal);
    return true;
  } catch (error) {
    if (isPolicyDenial(error)) return false;
    throw error;
  }
}

/** `GET /bedrock/knowledge-bases`: the knowledge bases the key's allow-list admits (by alias or id, as for RAG calls). */
export function knowledgeBaseFilter(
  governance: GovernanceService,
  principal: Principal | undefined,
): (knowledgeBase: KnowledgeBaseConfig) => boolean {
  return (knowledgeBase) =>
    admits(principal, (caller) =>
      governance.authorizeKnowledgeBase(caller, knowledgeBase.alias, knowledgeBase.id),
    );
}

/** `GET /bedrock/models`: the catalog models the key's allow-list admits, by the names a call is matched by. */
export function modelFilter(
  governance: GovernanceService,
  principal: Principal | undefined,
): (model: ResolvedModel) => boolean {
  return (model) => admits(principal, (caller) => governance.authorizeModel(caller, allowListNames(model)));
}

/**
 * The names a model's allow-list entries are matched against. A catalog model: its alias, its id and
 * the system-defined profile the call goes through (`us.…`), never an ARN the caller wrote (its account
 * id is the caller's to choose, so an account-wide ARN pattern would admit every catalog model). A model
 * reached through an ARN hint is a resource of its own (provisioned throughput, a custom model, an
 * application profile, often another team's): only its ARN, never the foundation model behind it.
 */
export function allowListNames(model: ResolvedModel): (string | null)[] {
  return model.viaHint ? [model.invokeId] : [model.alias, model.baseModelId, model.profileId];
}
