import { AsyncResource } from 'node:async_hooks';

type AnyFunction = (...args: unknown[]) => unknown;

type Bind = (this: AsyncResource, fn: AnyFunction, thisArg?: unknown) => AnyFunction;

const nodeBind = Object.getOwnPropertyDescriptor(AsyncResource.prototype, 'bind')?.value as Bind;

/**
 * `AsyncResource#bind` without the deprecated `asyncResource` property (DEP0172).
 *
 * Fastify (body parsing) and Nest (each interceptor layer) bind a function per request. On Node 20 every
 * bind attaches that property through two `deprecate()` wrappers, and each wrapper calls
 * `Object.setPrototypeOf` on a function, which V8 allocates into the old generation: ~10 µs and old-space
 * garbage per bind, 4 binds per chat request. Measured on the gateway at 16 connections: peak RSS
 * 171–176 MB instead of 223–264 MB, CPU per request ~10 % lower (docs/decisions.md). Node 24 stopped
 * modifying the prototype for this deprecation (nodejs/node#58218, #59195) and main removes the property
 * (#58618); this does the same here. Semantics otherwise unchanged: the function runs in the resource's
 * async context, with the caller's `this` unless `thisArg` is given, and keeps its `length`.
 */
function leanBind(this: AsyncResource, fn: AnyFunction, thisArg?: unknown): AnyFunction {
  if (typeof fn !== 'function') return nodeBind.call(this, fn, thisArg); // Node's own argument error
  return boundTo(this, fn, thisArg);
}

function boundTo(resource: AsyncResource, fn: AnyFunction, thisArg: unknown): AnyFunction {
  const bound =
    thisArg === undefined
      ? function (this: unknown, ...args: unknown[]) {
          return resource.runInAsyncScope(fn, this, ...args);
        }
      : (...args: unknown[]) => resource.runInAsyncScope(fn, thisArg, ...args);
  Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
  return bound;
}

/** Installs the lean bind for the whole process (main.ts, before the app is built). Idempotent. */
export function installLeanAsyncResourceBind(): void {
  (AsyncResource.prototype as { bind: unknown }).bind = leanBind;
}

/** Puts Node's own bind back (tests). */
export function restoreNodeAsyncResourceBind(): void {
  (AsyncResource.prototype as { bind: unknown }).bind = nodeBind;
}
