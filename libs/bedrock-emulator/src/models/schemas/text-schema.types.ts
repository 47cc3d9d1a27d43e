import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt } from '../../generation/canonical-prompt';
import type { Generation } from '../../generation/text-generator';
import type { ToolUse } from '../../tools/tool-use';

/** Everything a schema needs to render a response: the request as parsed, the generation, the ids. */
export interface RenderInput {
  model: CatalogModel;
  prompt: CanonicalPrompt;
  generation: Generation;
  /** A tool call to answer with instead of the text (schemas of models that take tools). */
  toolUse?: ToolUse;
  /** The emulator request id; native ids (`msg_bdrk_…`, UUIDs) are derived from it. */
  requestId: string;
  /** Unix seconds, for schemas whose bodies carry a `created` timestamp. */
  createdAt: number;
}

/**
 * One native text-generation body format (shared/docs/bedrock-wire.md §7): parse the request into the
 * canonical prompt, render the InvokeModel body and the InvokeModelWithResponseStream chunks.
 * The transport adds `amazon-bedrock-invocationMetrics` to the last chunk, so no schema does.
 */
export interface TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt;
  renderBody(input: RenderInput): Record<string, unknown>;
  renderChunks(input: RenderInput): Record<string, unknown>[];
}
