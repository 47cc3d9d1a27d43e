import type { CatalogModel } from '@app/bedrock';
import { type ConverseRequest, parseConverseRequest } from '../converse/converse-request';
import { renderConverseBody, renderConverseEvents } from '../converse/converse-response';
import { pickResponseFields } from '../converse/response-field-paths';
import { CohereEmbedV3Embedder } from '../embeddings/cohere-embed-v3.embedder';
import { TitanEmbedV2Embedder } from '../embeddings/titan-embed-v2.embedder';
import { EmulatorError } from '../errors/emulator-error';
import type { CanonicalPrompt } from '../generation/canonical-prompt';
import { type Generation, generate } from '../generation/text-generator';
import { decideToolUse } from '../tools/tool-use';
import type {
  ConverseStreamOutcome,
  GenerationContext,
  InvokeOutcome,
  InvokeStreamOutcome,
  ModelBehaviour,
  TokenUsage,
} from './model-behaviour.types';
import type { RenderInput, TextSchema } from './schemas/text-schema.types';
import { TEXT_SCHEMAS, isTextSchema } from './schemas/text-schemas';

/** Text-completion models that also take the chat form of the Mistral chat schema (§7.5 heading). */
const CHAT_FORM_TOO: ReadonlySet<string> = new Set(['mistral.mistral-large-2402-v1:0']);

/**
 * The emulator's models: native bodies per catalog `schema`, Converse, embeddings, all driven by the
 * deterministic generator. Pure apart from the clock used for `created` timestamps.
 */
export class DeterministicModelBehaviour implements ModelBehaviour {
  private readonly titanEmbed = new TitanEmbedV2Embedder();
  private readonly cohereEmbed = new CohereEmbedV3Embedder();

  constructor(private readonly now: () => number = Date.now) {}

  invoke(model: CatalogModel, body: unknown, context: GenerationContext): InvokeOutcome {
    if (model.schema === 'titan-embed-v2') return this.titanEmbed.invoke(body);
    if (model.schema === 'cohere-embed-v3') return this.cohereEmbed.invoke(body, context.requestId);
    const schema = this.schemaOf(model, body);
    const input = this.renderInput(model, schema.parse(model, body), context);
    return { body: schema.renderBody(input), ...usage(input.toolUse ?? input.generation) };
  }

  invokeStream(model: CatalogModel, body: unknown, context: GenerationContext): InvokeStreamOutcome {
    const schema = this.schemaOf(model, body);
    const input = this.renderInput(model, schema.parse(model, body), context);
    return { chunks: schema.renderChunks(input), ...usage(input.toolUse ?? input.generation) };
  }

  converse(model: CatalogModel, body: unknown, context: GenerationContext): InvokeOutcome {
    const request = parseConverseRequest(model, body);
    const generation = generate(model.modelId, request.prompt, context.scriptedText);
    const toolUse = decideToolUse(model.modelId, request.prompt, context.scriptedToolUse);
    const fields = this.responseFields(model, request, generation, context);
    return { body: renderConverseBody(generation, fields, toolUse), ...usage(toolUse ?? generation) };
  }

  converseStream(model: CatalogModel, body: unknown, context: GenerationContext): ConverseStreamOutcome {
    const request = parseConverseRequest(model, body, 'converse-stream');
    const generation = generate(model.modelId, request.prompt, context.scriptedText);
    const toolUse = decideToolUse(model.modelId, request.prompt, context.scriptedToolUse);
    const fields = this.responseFields(model, request, generation, context);
    return { events: renderConverseEvents(generation, fields, toolUse), ...usage(toolUse ?? generation) };
  }

  promptText(model: CatalogModel, body: unknown, operation: 'invoke' | 'converse'): string {
    try {
      if (model.schema === 'titan-embed-v2') return this.titanEmbed.promptText(body);
      if (model.schema === 'cohere-embed-v3') return this.cohereEmbed.promptText(body);
      const prompt =
        operation === 'converse'
          ? parseConverseRequest(model, body).prompt
          : this.schemaOf(model, body).parse(model, body);
      const userTexts = prompt.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text);
      return [prompt.system, ...userTexts].filter((text) => text !== '').join('\n');
    } catch {
      // Scripted-response matching runs before validation; a bad body simply matches nothing.
      return '';
    }
  }

  /**
   * Embedding models never get here through the transport (it rejects streaming and Converse for them).
   * Mistral Large 2402 speaks the text-completion schema and the chat one too (§7.4, §7.5): a body with
   * `messages` is read as chat, and answered as chat.
   */
  private schemaOf(model: CatalogModel, body: unknown): TextSchema {
    const chatForm = typeof body === 'object' && body !== null && 'messages' in body;
    if (chatForm && CHAT_FORM_TOO.has(model.modelId)) return TEXT_SCHEMAS['mistral-chat'];
    return this.catalogSchema(model);
  }

  private catalogSchema(model: CatalogModel): TextSchema {
    if (!isTextSchema(model.schema))
      throw EmulatorError.validation('The model is unsupported for streaming.');
    return TEXT_SCHEMAS[model.schema];
  }

  /**
   * `additionalModelResponseFieldPaths` resolve in the model's native answer (§3.1): its body, then its stream
   * chunks. Which of the two the service reads for Converse and for ConverseStream is not settled (vercel/ai
   * #11286 read `/stop_sequence`, #11410 `/delta/stop_sequence`), so both resolve in both operations.
   */
  private responseFields(
    model: CatalogModel,
    { prompt, responseFieldPaths }: ConverseRequest,
    generation: Generation,
    context: GenerationContext,
  ): Record<string, unknown> | undefined {
    if (responseFieldPaths.length === 0) return undefined;
    const schema = this.catalogSchema(model);
    const input = this.nativeAnswer(model, prompt, generation, context);
    return pickResponseFields(responseFieldPaths, [schema.renderBody(input), ...schema.renderChunks(input)]);
  }

  private renderInput(model: CatalogModel, prompt: CanonicalPrompt, context: GenerationContext): RenderInput {
    return this.nativeAnswer(model, prompt, generate(model.modelId, prompt, context.scriptedText), context);
  }

  private nativeAnswer(
    model: CatalogModel,
    prompt: CanonicalPrompt,
    generation: Generation,
    context: GenerationContext,
  ): RenderInput {
    const toolUse = decideToolUse(model.modelId, prompt, context.scriptedToolUse);
    return {
      model,
      prompt,
      generation,
      ...(toolUse === undefined ? {} : { toolUse }),
      requestId: context.requestId,
      createdAt: Math.floor(this.now() / 1000),
    };
  }
}

/** The answer's token counts: a tool call's when the model called one, else the text's. */
function usage({ inputTokens, outputTokens }: TokenUsage): TokenUsage {
  return { inputTokens, outputTokens };
}
