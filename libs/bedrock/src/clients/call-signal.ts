import type { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import type {
  DeserializeMiddleware,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  MetadataBearer,
  Pluggable,
  RequestHandlerOutput,
} from '@smithy/types';

/**
 * Abort signals of the Bedrock calls in flight. The SDK caches a client's resolved middleware only when
 * `send()` gets no per-call options (`cacheMiddleware`), and `{ abortSignal }` is such an option. So the
 * signal travels with the command input instead: `withSignal()` registers it, a middleware passes it on
 * to the signed HTTP request, and the request handler aborts with it. Weak keys: nothing to clean up.
 * (An AsyncLocalStorage would do the same, but it turns on Node's promise hooks for every promise.)
 */
const signals = new WeakMap<object, AbortSignal>();

/** A copy of a command input that aborts its HTTP request when `signal` fires. */
export function withSignal<T extends object>(input: T, signal: AbortSignal): T {
  const copy = { ...input };
  signals.set(copy, signal);
  return copy;
}

/** Innermost middleware: by then `args.request` is the signed request the handler will send. */
const passSignalToRequest: DeserializeMiddleware<object, MetadataBearer> = (next) => (args) => {
  const signal = signals.get(args.input);
  if (signal) signals.set(args.request as object, signal);
  return next(args);
};

export const callSignalPlugin: Pluggable<object, MetadataBearer> = {
  applyToStack: (stack) => {
    stack.add(passSignalToRequest, {
      step: 'deserialize',
      priority: 'low',
      name: 'passCallSignalToRequest',
      override: true,
    });
  },
};

/** Wraps the SDK's HTTP handler so a request takes its call's signal when `send()` passed none. */
export class SignalledHandler {
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
      abortSignal: options.abortSignal ?? signals.get(request),
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
