import { EmulatorError } from '../errors/emulator-error';
import { parseFaultHeader } from '../faults/fault-header-parser';
import type { FaultPlan } from '../faults/fault-plan';
import type { FaultRegistry } from '../faults/fault-registry';
import type { FaultRule } from '../faults/fault-rule';
import { STREAMING_OPERATIONS } from '../routes/operation.types';
import type { HttpExchange } from '../server/http-exchange';
import type { RequestContext } from './request-context';

export const FAULT_HEADER = 'x-bedrock-local-fault';
/** Real fault headers are a few rules long; a huge one is a mistake (or an attack) and costs per-rule work. */
export const MAX_FAULT_HEADER_LENGTH = 1024;

/** Resolves after `ms`, or earlier when the client goes away (no point waiting for nobody). */
export function waitOrClose(exchange: HttpExchange, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void exchange.whenClosed().then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export interface GateInput {
  modelIds: string[];
  prompt: string;
  /** Latency from a scripted response. */
  extraLatencyMs?: number;
}

/**
 * Applies the faults that fire for a request before any answer is produced: waits for injected latency,
 * stalls until the client leaves, or throws the injected error. Returns the plan (for stream faults), or
 * undefined when the client is gone and nothing should be written.
 */
export class FaultGate {
  constructor(
    private readonly registry: FaultRegistry,
    private readonly baseLatencyMs: () => number,
  ) {}

  async pass(context: RequestContext, input: GateInput): Promise<FaultPlan | undefined> {
    const { exchange, record } = context;
    const header = exchange.header(FAULT_HEADER);
    const plan = this.registry.plan(
      {
        operation: context.route.operation,
        streaming: STREAMING_OPERATIONS.has(context.route.operation),
        modelIds: input.modelIds,
        prompt: input.prompt,
        ...(record.invocationId === undefined ? {} : { invocationId: record.invocationId }),
      },
      header === undefined ? [] : headerRules(header),
      header,
    );
    record.faults.push(...plan.applied);
    await waitOrClose(exchange, this.baseLatencyMs() + plan.delayMs + (input.extraLatencyMs ?? 0));
    if (plan.stall) await exchange.whenClosed();
    if (exchange.isClosed) return undefined;
    if (plan.error) throw plan.error;
    return plan;
  }
}

function headerRules(header: string): FaultRule[] {
  if (header.length > MAX_FAULT_HEADER_LENGTH) {
    throw EmulatorError.validation(
      `Invalid ${FAULT_HEADER} header: longer than ${MAX_FAULT_HEADER_LENGTH} characters.`,
    );
  }
  try {
    return parseFaultHeader(header);
  } catch (error) {
    throw EmulatorError.validation(
      `Invalid ${FAULT_HEADER} header: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
