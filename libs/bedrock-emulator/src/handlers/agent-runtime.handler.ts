import { EmulatorError } from '../errors/emulator-error';
import type { KnowledgeBaseService } from '../knowledge-bases/knowledge-base.types';
import type { AgentRuntimeOperation } from '../routes/operation.types';
import { AGENT_RUNTIME_BODY_LIMIT } from '../server/body-limits';
import { readBody } from '../server/body-reader';
import type { FaultGate } from './fault-gate';
import { RequestContext, parseJsonBody } from './request-context';

/** Reads a string at a path of plain objects, for log records and fault matching only. */
function stringAt(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' ? current : undefined;
}

/** Retrieve and RetrieveAndGenerate (§5): the transport routes and frames; the knowledge bases answer. */
export class AgentRuntimeHandler {
  constructor(
    private readonly knowledgeBases: () => KnowledgeBaseService | undefined,
    private readonly gate: FaultGate,
  ) {}

  async handle(context: RequestContext, operation: AgentRuntimeOperation): Promise<void> {
    const { record } = context;
    const body = parseJsonBody(await readBody(context.exchange, AGENT_RUNTIME_BODY_LIMIT), false);
    const service = this.knowledgeBases();
    // The agent runtime has no ServiceUnavailableException (§4.2): its transient 5xx is BadGatewayException.
    if (!service) throw new EmulatorError('BadGatewayException', 502, 'Knowledge bases are still loading.');
    const kbConfig = ['retrieveAndGenerateConfiguration', 'knowledgeBaseConfiguration'];
    const knowledgeBaseId =
      operation === 'Retrieve' ? context.resourceId : stringAt(body, ...kbConfig, 'knowledgeBaseId');
    const modelArn = stringAt(body, ...kbConfig, 'modelArn');
    if (knowledgeBaseId !== undefined) record.knowledgeBaseId = knowledgeBaseId;
    if (modelArn !== undefined) record.modelId = modelArn;
    const prompt =
      (operation === 'Retrieve'
        ? stringAt(body, 'retrievalQuery', 'text')
        : stringAt(body, 'input', 'text')) ?? '';
    const plan = await this.gate.pass(context, {
      modelIds: modelArn === undefined ? [] : [modelArn],
      prompt,
    });
    if (!plan) return;
    const result =
      operation === 'Retrieve'
        ? service.retrieve(context.resourceId, body)
        : service.retrieveAndGenerate(body, context.region);
    context.sendJson(200, result);
  }
}
