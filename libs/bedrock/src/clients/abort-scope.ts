import { AsyncLocalStorage } from 'node:async_hooks';
import type { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandlerOutput } from '@smithy/types';

/**
 * The abort signal of the Bedrock call in progress. The SDK caches a client's resolved middleware only
 * when `send()` gets no per-call options (`cacheMiddleware`), and `{ abortSignal }` is such an option;
 * carrying the signal in async context instead keeps the cache and still aborts the HTTP request.
 */
export const abortScope = new AsyncLocalStorage<AbortSignal>();

/** Runs `call` with `signal` as the abort signal of every Bedrock HTTP request it makes. */
export function withAbortSignal<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  return abortScope.run(signal, call);
}

/** Wraps the SDK's HTTP handler so requests take the scoped abort signal when none was passed. */
export class AbortScopedHandler {
  constructor(private readonly inner: NodeHttpHandler | NodeHttp2Handler) {}

  get metadata(): { handlerProtocol: string } {
    return this.inner.metadata;
  }

  handle(
    request: HttpRequest,
    options: HttpHandlerOptions = {},
  ): Promise<RequestHandlerOutput<HttpResponse>> {
    return this.inner.handle(request as never, {
      ...options,
      abortSignal: options.abortSignal ?? abortScope.getStore(),
    });
  }

  destroy(): void {
    this.inner.destroy();
  }

  updateHttpClientConfig(key: never, value: never): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): object {
    return this.inner.httpHandlerConfigs();
  }
}
