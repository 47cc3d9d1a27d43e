import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { regionsServing } from '../catalog/inference-geography';
import type { ResolvedModel } from '../catalog/resolved-model';
import { BEDROCK_MODULE_OPTIONS } from '../clients/bedrock.constants';
import type { BedrockModuleOptions } from '../clients/bedrock-module-options';
import { BedrockClients } from '../clients/bedrock-clients';
import { withSignal } from '../clients/call-signal';
import { usageHeadersOf } from '../clients/response-headers';
import { BedrockError } from '../errors/bedrock-error';
import { BedrockErrorCode } from '../errors/bedrock-error-code';
import { abortError } from '../errors/abort-error';
import { toBedrockError } from '../errors/aws-error-mapping';
import type { CallOutcome, CallProgress } from '../resilience/call-outcome';
import { UpstreamPolicy } from '../resilience/upstream-policy';
import type { InvokeResult, StreamResult } from './invocation.types';

const decoder = new TextDecoder();

/** The input both InvokeModel commands take. */
interface NativeInvokeInput {
  modelId: string;
  body: string;
  contentType: string;
  accept: string;
}

/** Calls InvokeModel / InvokeModelWithResponseStream through the SDK under the resilience policy. */
@Injectable()
export class ModelInvoker {
  constructor(
    private readonly clients: BedrockClients,
    private readonly policy: UpstreamPolicy,
    @Inject(BEDROCK_MODULE_OPTIONS) private readonly options: BedrockModuleOptions,
  ) {}

  async invoke(
    model: ResolvedModel,
    body: Record<string, unknown>,
    signal: AbortSignal,
    progress?: CallProgress,
  ): Promise<InvokeResult> {
    const started = performance.now();
    const outcome = await this.send(model, body, signal, progress, (client, input, abortSignal) =>
      client.send(new InvokeModelCommand(withSignal(input, abortSignal))),
    );
    const bedrockLatencyMs = performance.now() - started;
    return {
      body: parseJson(outcome.value.body),
      headers: usageHeadersOf(outcome.value),
      region: outcome.region,
      attempts: outcome.attempts,
      bedrockLatencyMs,
    };
  }

  /**
   * Opens the stream. Errors before the first byte are retried like any call; errors inside the stream
   * are not (the status was already 200, wire reference §2.2) and surface while iterating.
   */
  async openStream(
    model: ResolvedModel,
    body: Record<string, unknown>,
    signal: AbortSignal,
    progress?: CallProgress,
  ): Promise<StreamResult> {
    const started = performance.now();
    const outcome = await this.send(model, body, signal, progress, (client, input, abortSignal) =>
      client.send(new InvokeModelWithResponseStreamCommand(withSignal(input, abortSignal))),
    );
    const stream = outcome.value.body;
    if (!stream)
      throw new BedrockError(BedrockErrorCode.UpstreamError, 'Bedrock opened a stream with no body.');
    return {
      chunks: decodeChunks(stream, signal),
      region: outcome.region,
      attempts: outcome.attempts,
      openLatencyMs: performance.now() - started,
    };
  }

  /** One command under the resilience policy, in whichever region the policy picks. */
  private send<T>(
    model: ResolvedModel,
    body: Record<string, unknown>,
    signal: AbortSignal,
    progress: CallProgress | undefined,
    call: (client: BedrockRuntimeClient, input: NativeInvokeInput, abortSignal: AbortSignal) => Promise<T>,
  ): Promise<CallOutcome<T>> {
    // The call's row names this call's answers, not those of a call before it (a RAG answer's Retrieve).
    if (progress) progress.bedrockRequestId = null;
    const input: NativeInvokeInput = {
      modelId: model.invokeId,
      body: JSON.stringify(body),
      contentType: 'application/json',
      accept: 'application/json',
    };
    return this.policy.execute(
      // Failover only to regions that serve the id's geography profile or ARN.
      {
        modelId: model.baseModelId,
        resource: 'model',
        regions: regionsServing(model.invokeId, this.options.regions),
      },
      signal,
      (region, attemptSignal) => call(this.clients.runtime(region), input, attemptSignal),
      progress,
    );
  }
}

async function* decodeChunks(
  stream: AsyncIterable<ResponseStream>,
  signal: AbortSignal,
): AsyncGenerator<unknown> {
  try {
    for await (const event of stream) {
      // Chunks the SDK had buffered before an abort are not news: the call has ended.
      if (signal.aborted) throw abortError(signal);
      if (event.chunk?.bytes) yield parseJson(event.chunk.bytes);
    }
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    throw toBedrockError(error, 'model');
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new BedrockError(BedrockErrorCode.UpstreamError, 'Bedrock answered with a body that is not JSON.');
  }
}
