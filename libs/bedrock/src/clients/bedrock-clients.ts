import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { BEDROCK_MODULE_OPTIONS } from './bedrock.constants';
import type { BedrockModuleOptions } from './bedrock-module-options';
import { callSignalPlugin, SignalledHandler } from './call-signal';
import { createRequestHandler } from './http-handler.factory';
import { reuseSigner } from './reuse-signer';
import { usageHeadersPlugin } from './response-headers';

interface RegionClients {
  runtime: BedrockRuntimeClient;
  agentRuntime: BedrockAgentRuntimeClient;
  control: BedrockClient;
}

/** The client, with its SigV4 signer built once per auth scheme instead of once per call (reuse-signer.ts). */
function withReusedSigner<T extends { config: object }>(client: T): T {
  reuseSigner(client.config);
  return client;
}

/**
 * The three Bedrock SDK clients per region, built once and reused (connection pools live in them).
 * SDK retries are off (`maxAttempts: 1`): the gateway's resilience policy is the only retry layer.
 */
@Injectable()
export class BedrockClients implements OnApplicationShutdown {
  private readonly byRegion = new Map<string, RegionClients>();

  constructor(@Inject(BEDROCK_MODULE_OPTIONS) private readonly options: BedrockModuleOptions) {}

  get regions(): string[] {
    return this.options.regions;
  }

  runtime(region: string): BedrockRuntimeClient {
    return this.forRegion(region).runtime;
  }

  agentRuntime(region: string): BedrockAgentRuntimeClient {
    return this.forRegion(region).agentRuntime;
  }

  control(region: string): BedrockClient {
    return this.forRegion(region).control;
  }

  onApplicationShutdown(): void {
    for (const clients of this.byRegion.values()) {
      clients.runtime.destroy();
      clients.agentRuntime.destroy();
      clients.control.destroy();
    }
    this.byRegion.clear();
  }

  private forRegion(region: string): RegionClients {
    let clients = this.byRegion.get(region);
    if (!clients) {
      clients = this.create(region);
      this.byRegion.set(region, clients);
    }
    return clients;
  }

  private create(region: string): RegionClients {
    const { credentials, endpoints, regionEndpoints, httpHandler, maxSockets } = this.options;
    // cacheMiddleware: resolve each command's middleware once per client (runtime calls carry their abort
    // signal on the command input, call-signal.ts; the other clients pass `{ abortSignal }` to send()).
    const shared = { region, credentials, maxAttempts: 1, cacheMiddleware: true };
    const regional = regionEndpoints[region];
    const runtime = withReusedSigner(
      new BedrockRuntimeClient({
        ...shared,
        endpoint: regional ?? endpoints.runtime,
        requestHandler: new SignalledHandler(createRequestHandler(httpHandler, maxSockets)),
      }),
    );
    runtime.middlewareStack.use(usageHeadersPlugin);
    runtime.middlewareStack.use(callSignalPlugin);
    return {
      runtime,
      agentRuntime: withReusedSigner(
        new BedrockAgentRuntimeClient({
          ...shared,
          endpoint: regional ?? endpoints.agentRuntime,
          requestHandler: createRequestHandler(httpHandler, maxSockets),
        }),
      ),
      control: withReusedSigner(
        new BedrockClient({
          ...shared,
          endpoint: regional ?? endpoints.control,
          requestHandler: createRequestHandler('http1', 16),
        }),
      ),
    };
  }
}
