import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installLeanAsyncResourceBind, restoreNodeAsyncResourceBind } from './lean-async-resource-bind';

describe('installLeanAsyncResourceBind', () => {
  beforeAll(() => installLeanAsyncResourceBind());
  afterAll(() => restoreNodeAsyncResourceBind());

  it('runs the bound function in the async context it was bound in', () => {
    // Arrange
    const storage = new AsyncLocalStorage<string>();
    const bound = storage.run('request-1', () => AsyncResource.bind(() => storage.getStore()));
    // Act
    const seen = storage.run('request-2', () => bound());
    // Assert
    expect(seen).toBe('request-1');
  });

  it("passes the caller's this and the arguments through, and returns the result", () => {
    // Arrange
    const target = { base: 10 };
    function sum(this: { base: number }, a: number, b: number): number {
      return this.base + a + b;
    }
    const add = AsyncResource.bind(sum as (...args: unknown[]) => number);
    // Act
    const result = add.call(target, 1, 2);
    // Assert
    expect(result).toBe(13);
  });

  it('uses thisArg when one is given and keeps the function length', () => {
    // Arrange
    const resource = new AsyncResource('test');
    const self = { name: 'fixed' };
    // Act
    function nameOf(this: { name: string }, _a: unknown, _b: unknown): string {
      return this.name;
    }
    // Node's typings omit thisArg; the runtime takes it (Nest and Fastify do not use it, the API does).
    const bind = resource.bind.bind(resource) as (
      fn: unknown,
      thisArg: unknown,
    ) => (...args: unknown[]) => string;
    const bound = bind(nameOf, self);
    // Assert
    expect(bound.call({ name: 'other' }, 1, 2)).toBe('fixed');
    expect(bound.length).toBe(2);
  });

  it('no longer attaches the deprecated asyncResource property (the costly part on Node 20)', () => {
    // Act
    const bound = AsyncResource.bind(() => 1);
    // Assert
    expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
  });

  it("still rejects a non-function with Node's own error", () => {
    // Act / Assert
    expect(() => new AsyncResource('test').bind('nope' as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });
});
