import {
  BedrockError,
  BedrockErrorCode,
  CallRecord,
  ModelResolver,
  ResolvedModel,
  callErrorCode,
  estimateMaxCost,
  mayHaveUnseenCost,
} from '@app/bedrock';
import {
  GovernanceService,
  estimateTokens,
  type BudgetDimension,
  type Principal,
  type Reservations,
} from '@app/governance';
import { Injectable, Logger } from '@nestjs/common';
import { KnowledgeBaseRegistry } from '../common/knowledge-bases/knowledge-base.registry';
import { RAG_DEFAULTS, generationRegion } from '../common/knowledge-bases/rag-defaults';
import { type PolicyInput, positiveInt, readPolicyInput, type TextSlot } from './policy-input';
import { allowListNames } from './allow-list-filters';
import { isStringMap } from '../common/http/string-map.validator';
import { MAX_METADATA_KEYS, RESERVED_METADATA_PREFIX } from './governance-route.constants';

/** Output budget of a model the catalog does not describe (same fallback as the chat mapper). */
const FALLBACK_MAX_TOKENS = 1024;
/**
 * A passage RetrieveAndGenerate puts in the prompt, in characters: Bedrock's default chunk of 300 tokens.
 * That mode takes every passage asked for and no `max_context_length`, and reports no tokens, so this
 * estimate is also what the call is charged.
 */
const MANAGED_PASSAGE_CHARS = 300 * 4;

export interface GovernedRouteOptions {
  /** RAG routes: the knowledge base is checked against the tenant's allow-list too. */
  knowledgeBase: boolean;
}

/** What a request was admitted with; handed back to `settle` once the call is over. */
export interface Admission {
  principal: Principal;
  reservations: Reservations;
  /** Budgets passed in `warn` mode. */
  breaches: BudgetDimension[];
}

/**
 * The policy chain of a model route, before the body is validated:
 * model allow-list → knowledge-base allow-list → PII (redact rewrites the body) → rate → budget.
 * PII runs before the counters so that a refused input reserves nothing. Unknown models and knowledge
 * bases are left to the feature's own 404; nothing is reserved for them, as nothing is called.
 */
@Injectable()
export class ModelPolicyService {
  private readonly logger = new Logger('ModelPolicy');

  constructor(
    private readonly governance: GovernanceService,
    private readonly resolver: ModelResolver,
    private readonly knowledgeBases: KnowledgeBaseRegistry,
  ) {}

  async admit(
    principal: Principal,
    body: unknown,
    options: GovernedRouteOptions,
    record: CallRecord,
  ): Promise<Admission> {
    const admission: Admission = { principal, reservations: {}, breaches: [] };
    const input = readPolicyInput(body);
    if (!input) return admission;
    // An unknown knowledge base is left to the feature's own 404.
    const kb =
      options.knowledgeBase && input.knowledgeBase !== null
        ? this.knowledgeBases.find(input.knowledgeBase)
        : undefined;
    // Resolved where the call will run, so the estimate has that region's profile and price.
    const model =
      input.model === null ? null : this.resolveModel(input.model, generationRegion(input.mode, kb));
    if (model) {
      record.model = model;
      this.governance.authorizeModel(principal, allowListNames(model));
    }
    if (kb) {
      record.knowledgeBaseId = kb.id;
      this.governance.authorizeKnowledgeBase(principal, kb.alias, kb.id);
    }
    const texts = this.applyPii(principal, input.texts, record);
    if (!model) return admission;
    const contextChars = options.knowledgeBase ? retrievedChars(input) : 0;
    const maxTokens = outputBudget(model, input.maxTokens);
    record.estimatedPromptTokens = estimateTokens(texts.slice(0, input.promptTexts), 0);
    const inputTokens = record.estimatedPromptTokens + Math.ceil(contextChars / 4);
    const tokens = inputTokens + maxTokens;
    // A refusal from here on is by rate or budget: the caller's metadata, past PII, goes on its record,
    // so a cost centre sees its refused calls too (it stays off refusals before PII, which may hold PII).
    keepCallerMetadata(record, body);
    const rate = await this.governance.checkRate(principal, tokens);
    try {
      const estimatedCost = estimateMaxCost(model, inputTokens, maxTokens) ?? 0;
      const budget = await this.governance.checkBudget(principal, estimatedCost, tokens);
      return { principal, reservations: { rate, budget: budget.reservation }, breaches: budget.breaches };
    } catch (error) {
      // Never throws: a give-back that fails is logged and leaves the points taken (rate-limits.ts).
      await this.governance.release(principal, { rate });
      throw error;
    }
  }

  /**
   * Charges the actual cost and tokens in place of the estimates once the call is over: at once for a
   * blocking answer or a failure (`failure`, the error it ended with), when `record.completion` settles
   * for a stream. A call without counts to settle on keeps its estimate. Never throws.
   */
  settle(admission: Admission, record: CallRecord, failure?: unknown): void {
    const { principal, reservations } = admission;
    if (!reservations.rate && !reservations.budget) return;
    const charge = async () => {
      if (record.completion) await record.completion;
      // No counts to settle on — RetrieveAndGenerate, or a call Bedrock may have worked on unseen (cut at
      // its deadline, or left by its caller, before any token was counted): the estimate stays charged,
      // never zero, or such calls would spend Bedrock money past every budget.
      if (record.unmetered || mayHaveUnseenCost(record, callErrorCode(record, failure))) {
        await this.governance.keepEstimates(reservations);
        return;
      }
      const tokens = record.inputTokens + record.outputTokens;
      await this.governance.settle(principal, record.costUsd, tokens, reservations);
    };
    charge().catch((error: unknown) =>
      this.logger.error({ err: error, tenant: principal.tenant.id }, 'could not settle budget and rate'),
    );
  }

  private resolveModel(requested: string | undefined, region: string | undefined): ResolvedModel | null {
    try {
      return this.resolver.resolve(requested, region);
    } catch (error) {
      if (error instanceof BedrockError && error.code === BedrockErrorCode.ModelNotFound) return null;
      throw error;
    }
  }

  /** Redact rewrites the body in place (so the validated DTO holds the redacted text); deny throws. */
  private applyPii(principal: Principal, slots: TextSlot[], record: CallRecord): string[] {
    const outcome = this.governance.applyPii(
      principal,
      slots.map((slot) => slot.text),
    );
    if (outcome.redactions.length === 0) return outcome.texts;
    slots.forEach((slot, index) => slot.write(outcome.texts[index] ?? slot.text));
    record.redactions = outcome.redactions;
    return outcome.texts;
  }
}

/** The body's `metadata`, as PII left it, when it is valid (`@IsStringMap`'s rule); a 400 comes later otherwise. */
function keepCallerMetadata(record: CallRecord, body: unknown): void {
  const metadata = (body as { metadata?: unknown } | null)?.metadata;
  if (isStringMap(metadata, MAX_METADATA_KEYS, RESERVED_METADATA_PREFIX)) record.metadata = { ...metadata };
}

function outputBudget(model: ResolvedModel, requested: unknown): number {
  const catalog = model.catalog;
  return (
    positiveInt(requested, catalog?.maxOutputTokens || undefined) ??
    catalog?.defaultMaxTokens ??
    FALLBACK_MAX_TOKENS
  );
}

/** Characters of retrieved text a RAG prompt may carry, by mode. */
function retrievedChars(input: PolicyInput): number {
  if (input.mode === 'retrieve_and_generate')
    return (positiveInt(input.maxResults, 100) ?? RAG_DEFAULTS.maxResults) * MANAGED_PASSAGE_CHARS;
  return positiveInt(input.maxContextLength) ?? RAG_DEFAULTS.maxContextLength;
}
