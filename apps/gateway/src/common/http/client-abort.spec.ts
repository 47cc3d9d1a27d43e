import { BedrockError } from '@app/bedrock';
import { EventEmitter } from 'node:events';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { endOpenCalls, requestAbort } from './client-abort';

function fakeReply(server = { openCalls: new Set<AbortController>() }) {
  const raw = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false });
  return { reply: { raw, server } as unknown as FastifyReply, raw, server };
}

describe('requestAbort', () => {
  afterEach(() => jest.useRealTimers());

  it('aborts with client_closed when the response closes before it finished', () => {
    // Arrange
    const { reply, raw } = fakeReply();
    const abort = requestAbort(reply);
    // Act
    raw.emit('close');
    // Assert
    expect(abort.signal.aborted).toBe(true);
    expect((abort.signal.reason as BedrockError).code).toBe('client_closed');
  });

  it('is aborted from the start when the caller left before the controller ran', () => {
    // Arrange
    const { reply, raw } = fakeReply();
    raw.destroyed = true;
    // Act
    const abort = requestAbort(reply);
    // Assert
    expect((abort.signal.reason as BedrockError).code).toBe('client_closed');
    expect(abort.withDeadline(1000).aborted).toBe(true);
  });

  it('aborts with a TimeoutError reason at the deadline', () => {
    // Arrange
    jest.useFakeTimers();
    const { reply } = fakeReply();
    const signal = requestAbort(reply).withDeadline(1000);
    // Act
    jest.advanceTimersByTime(999);
    const before = signal.aborted;
    jest.advanceTimersByTime(1);
    // Assert
    expect(before).toBe(false);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('clears the deadline once the response finished: nothing fires and no timer is left', () => {
    // Arrange
    jest.useFakeTimers();
    const { reply, raw } = fakeReply();
    const signal = requestAbort(reply).withDeadline(1000);
    // Act
    raw.writableFinished = true;
    raw.emit('close');
    // Assert
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(5000);
    expect(signal.aborted).toBe(false);
  });

  it('keeps the first deadline when asked again', () => {
    // Arrange
    jest.useFakeTimers();
    const abort = requestAbort(fakeReply().reply);
    // Act
    abort.withDeadline(1000);
    abort.withDeadline(10);
    jest.advanceTimersByTime(500);
    // Assert
    expect(abort.signal.aborted).toBe(false);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('lets a graceful stop end the calls still open with not_ready, and forgets the closed ones', () => {
    // Arrange: two calls on one server, one of which has finished
    const server = { openCalls: new Set<AbortController>() };
    const open = fakeReply(server);
    const done = fakeReply(server);
    const running = requestAbort(open.reply);
    const finished = requestAbort(done.reply);
    done.raw.writableFinished = true;
    done.raw.emit('close');
    // Act
    const ended = endOpenCalls(server as unknown as FastifyInstance);
    // Assert
    expect(ended).toBe(1);
    expect((running.signal.reason as BedrockError).code).toBe('not_ready');
    expect(finished.signal.aborted).toBe(false);
    expect(server.openCalls.size).toBe(1);
    open.raw.emit('close');
    expect(server.openCalls.size).toBe(0);
  });
});
