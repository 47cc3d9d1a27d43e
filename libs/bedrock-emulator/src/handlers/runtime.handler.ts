import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { chunkFrame, eventFrame } from '../event-stream/bedrock-frames';
import type { FaultPlan } from '../faults/fault-plan';
import type { ModelIdResolver } from '../model-resolution/model-id-resolver';
import type { GenerationContext, ModelBehaviour } from '../models/model-behaviour.types';
import type { RuntimeOperation } from '../routes/operation.types';
import type { ScriptBook } from '../scripts/script-book';
import { CONVERSE_BODY_LIMIT, INVOKE_BODY_LIMIT } from '../server/body-limits';
import { readBody } from '../server/body-reader';
import type { FaultGate } from './fault-gate';
import { checkGuardrail } from './guardrail-headers';
import { checkInvokeHeaders } from './invoke-headers';
import { RequestContext, parseJsonBody } from './request-context';
import { emitFrames } from './stream-emitter';

const PERFORMANCE_HEADER = 'x-amzn-bedrock-performanceconfig-latency';
const SERVICE_TIER_HEADER = 'x-amzn-bedrock-service-tier';

interface Prepared {
  model: CatalogModel;
  body: unknown;
  plan: FaultPlan;
  generation: GenerationContext;
}

/** The four bedrock-runtime operations: validation, faults and scripts, then framing the behaviour's output. */
export class RuntimeHandler {
  constructor(
    private readonly resolver: ModelIdResolver,
    private readonly behaviour: ModelBehaviour,
    private readonly scripts: ScriptBook,
    private readonly gate: FaultGate,
  ) {}

  async handle(context: RequestContext, operation: RuntimeOperation): Promise<void> {
    const prepared = await this.prepare(context, operation);
    if (!prepared) return;
    switch (operation) {
      case 'InvokeModel':
        return this.invoke(context, prepared);
      case 'Converse':
        return this.converse(context, prepared);
      case 'InvokeModelWithResponseStream':
        return this.invokeStream(context, prepared);
      case 'ConverseStream':
        return this.converseStream(context, prepared);
    }
  }

  private async prepare(context: RequestContext, operation: RuntimeOperation): Promise<Prepared | undefined> {
    const { exchange, record } = context;
    const isInvoke = operation === 'InvokeModel' || operation === 'InvokeModelWithResponseStream';
    record.modelId = context.resourceId;
    const raw = await readBody(exchange, isInvoke ? INVOKE_BODY_LIMIT : CONVERSE_BODY_LIMIT);
    const resolved = this.resolver.resolve(context.resourceId, operation, context.region);
    record.resolvedModelId = resolved.model.modelId;
    if (isInvoke) {
      requireJsonContentType(exchange.header('content-type'));
      checkInvokeHeaders((name) => exchange.header(name));
    }
    const parsed = parseJsonBody(raw, isInvoke);
    const body = isInvoke ? checkGuardrail((name) => exchange.header(name), parsed) : parsed;
    const { model } = resolved;
    const modelIds = [resolved.requestedId, model.modelId, model.alias, resolved.inferenceProfileId ?? ''];
    const prompt = this.promptText(model, body, isInvoke ? 'invoke' : 'converse');
    const script = this.scripts.match(prompt, modelIds);
    if (script) record.faults.push('script');
    const plan = await this.gate.pass(context, { modelIds, prompt, extraLatencyMs: script?.latencyMs ?? 0 });
    if (!plan) return undefined;
    if (script?.error) throw script.error;
    const generation: GenerationContext = {
      requestId: context.requestId,
      ...(script?.scriptedText === undefined ? {} : { scriptedText: script.scriptedText }),
      ...(script?.scriptedToolUse === undefined ? {} : { scriptedToolUse: script.scriptedToolUse }),
    };
    return { model, body, plan, generation };
  }

  /** Matching is best-effort: a body the behaviour cannot read is rejected by the behaviour itself later. */
  private promptText(model: CatalogModel, body: unknown, kind: 'invoke' | 'converse'): string {
    try {
      return this.behaviour.promptText(model, body, kind);
    } catch {
      return '';
    }
  }

  private invoke(context: RequestContext, { model, body, generation }: Prepared): void {
    const outcome = this.behaviour.invoke(model, body, generation);
    context.sendJson(200, outcome.body, {
      // Unmodelled usage headers real Bedrock sends on InvokeModel (§1.2).
      'x-amzn-bedrock-input-token-count': outcome.inputTokens,
      'x-amzn-bedrock-output-token-count': outcome.outputTokens,
      'x-amzn-bedrock-invocation-latency': context.exchange.elapsedMs(),
      ...servedAsHeaders(context),
    });
  }

  private converse(context: RequestContext, { model, body, generation }: Prepared): void {
    const outcome = this.behaviour.converse(model, body, generation);
    const metrics = { ...asObject(outcome.body.metrics), latencyMs: context.exchange.elapsedMs() };
    context.sendJson(200, { ...outcome.body, metrics, ...servedAsMembers(body) });
  }

  private async invokeStream(
    context: RequestContext,
    { model, body, plan, generation }: Prepared,
  ): Promise<void> {
    const outcome = this.behaviour.invokeStream(model, body, generation);
    const { exchange } = context;
    context.startEventStream({
      'x-amzn-bedrock-content-type': 'application/json',
      ...servedAsHeaders(context),
    });
    let firstByteLatency = 0;
    const last = outcome.chunks.length - 1;
    const frames = outcome.chunks.map((chunk, index) => () => {
      if (index === 0) firstByteLatency = exchange.elapsedMs();
      if (index !== last) return chunkFrame(chunk);
      // Metrics ride on the last chunk object (§2.5).
      const metrics = {
        inputTokenCount: outcome.inputTokens,
        outputTokenCount: outcome.outputTokens,
        invocationLatency: exchange.elapsedMs(),
        firstByteLatency,
      };
      return chunkFrame({ ...chunk, 'amazon-bedrock-invocationMetrics': metrics });
    });
    await emitFrames(exchange, frames, plan);
  }

  private async converseStream(
    context: RequestContext,
    { model, body, plan, generation }: Prepared,
  ): Promise<void> {
    const outcome = this.behaviour.converseStream(model, body, generation);
    const { exchange } = context;
    context.startEventStream();
    const served = servedAsMembers(body);
    const frames = outcome.events.map((event) => () => {
      if (event.type !== 'metadata') return eventFrame(event.type, event.payload);
      const metrics = { ...asObject(event.payload.metrics), latencyMs: exchange.elapsedMs() };
      return eventFrame(event.type, { ...event.payload, metrics, ...served });
    });
    await emitFrames(exchange, frames, plan);
  }
}

/**
 * How the call was served, echoed as the output members §1.2 and §2.2 list (`performanceConfigLatency`,
 * `serviceTier`), from the headers the request set (already checked against their enums). The emulator serves
 * every call at the latency and in the tier asked for (there is no quota to fall back from), and echoes
 * nothing the request left out.
 */
function servedAsHeaders(context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of [PERFORMANCE_HEADER, SERVICE_TIER_HEADER]) {
    const value = context.exchange.header(name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/**
 * The same for Converse and ConverseStream (`performanceConfig`, `serviceTier` in the response and in the
 * `metadata` event, §3.2/§3.3), from the request's members (already validated by the behaviour). A
 * `performanceConfig` without `latency` was served at the default, `standard`.
 */
function servedAsMembers(body: unknown): Record<string, unknown> {
  const request = asObject(body);
  const members: Record<string, unknown> = {};
  if (request.performanceConfig !== undefined) {
    const latency = asObject(request.performanceConfig).latency;
    members.performanceConfig = { latency: typeof latency === 'string' ? latency : 'standard' };
  }
  if (request.serviceTier !== undefined) {
    members.serviceTier = { type: asObject(request.serviceTier).type };
  }
  return members;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Real Bedrock only takes JSON bodies; the SDK sends `application/octet-stream` when the caller sets none (§1.1). */
function requireJsonContentType(contentType: string | undefined): void {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw EmulatorError.validation(
      `The provided content type '${contentType ?? ''}' is not supported. Set contentType to application/json.`,
    );
  }
}
