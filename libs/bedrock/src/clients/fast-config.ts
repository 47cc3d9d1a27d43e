import { getSchemaSerdePlugin } from '@smithy/core/schema';
import type { MiddlewareStack } from '@smithy/types';
import { reuseSigner } from './reuse-signer';

/** What an SDK v3 client exposes that this needs. */
interface SdkClient {
  readonly config: object;
  readonly middlewareStack: MiddlewareStack<never, never>;
}

/**
 * Gives an SDK v3 client its resolved configuration as a fast-mode object. The SDK builds it by
 * `Object.assign` onto one object, property after property, so V8 keeps it as a hash table (dictionary
 * mode: 51 properties for the runtime client), and every call spreads it three times (`{...config,
 * ...context}` in the schema serializer and deserializer, `{...config}` in the endpoint middleware): ~14 µs
 * a spread here, against ~1.7 µs for the same properties in a fast-mode copy (docs/decisions.md).
 *
 * Call it before the client's first `send()`: the command middleware (endpoint) takes `client.config`
 * when a command is first resolved, and the serde plugin, which kept the original at construction, is
 * added again with the copy. The copy holds the same values (providers, signer and request handler are
 * the same functions and objects); the middlewares that still hold the original only read it. The
 * SigV4 signer is built once per auth scheme (reuse-signer.ts) instead of once per call.
 */
export function useFastConfig<T extends object>(client: T): T {
  const sdk = client as unknown as SdkClient;
  // The signing middleware reads `signer` from the original per call; the copy shares the memoised one.
  reuseSigner(sdk.config);
  const copy = { ...sdk.config };
  (sdk as { config: object }).config = copy;
  sdk.middlewareStack.remove('serializerMiddleware');
  sdk.middlewareStack.remove('deserializerMiddleware');
  sdk.middlewareStack.use(getSchemaSerdePlugin(copy as never) as never);
  return client;
}
