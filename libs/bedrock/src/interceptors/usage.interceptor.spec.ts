import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of, throwError } from 'rxjs';
import type { UsageEvent } from '../usage/usage-event';
import { UsageSink } from '../usage/usage-sink';
import { callRecordOf } from './call-record.decorator';
import { InFlightCalls } from './in-flight-calls';
import { UsageInterceptor } from './usage.interceptor';

class ListSink extends UsageSink {
  readonly events: UsageEvent[] = [];
  record(event: UsageEvent): void {
    this.events.push(event);
  }
}

function httpContext(request: object, reply: object): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
}

function fixture() {
  const sink = new ListSink();
  const request = { id: 'req-1', url: '/bedrock/chat', startedAt: performance.now() - 5 };
  const headers: Record<string, string> = {};
  const reply = {
    statusCode: 200,
    raw: { headersSent: false },
    header: (name: string, value: string) => (headers[name] = value),
  };
  const inFlight = new InFlightCalls();
  return { sink, request, reply, headers, inFlight, interceptor: new UsageInterceptor(sink, inFlight) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('UsageInterceptor', () => {
  it('records a blocking call after the answer is handed back, timed at the end of the call', async () => {
    // Arrange
    const { sink, request, reply, headers, interceptor } = fixture();
    const next: CallHandler = { handle: () => of({ response: 'ok' }) };
    // Act
    const answer = await lastValueFrom(interceptor.intercept(httpContext(request, reply), next));
    const recordedBeforeNextTurn = sink.events.length;
    const handedBackAt = performance.now();
    await nextTurn();
    // Assert
    expect(answer).toEqual({ response: 'ok' });
    expect(headers['x-gateway-overhead-ms']).toMatch(/^\d+\.\d{3}$/);
    expect(recordedBeforeNextTurn).toBe(0);
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ requestId: 'req-1', route: '/bedrock/chat', status: 'success' });
    expect(sink.events[0]!.latencyMs).toBeGreaterThanOrEqual(5);
    expect(sink.events[0]!.latencyMs).toBeLessThanOrEqual(handedBackAt - request.startedAt);
  });

  it('dates the event by when the call started, however late its turn comes', async () => {
    // Arrange
    const { sink, request, reply, interceptor } = fixture();
    const startedWall = Date.now() - (performance.now() - request.startedAt);
    const next: CallHandler = { handle: () => of('ok') };
    // Act
    await lastValueFrom(interceptor.intercept(httpContext(request, reply), next));
    const busyUntil = Date.now() + 60;
    while (Date.now() < busyUntil); // the event loop is busy before the record's turn
    await nextTurn();
    // Assert
    expect(Math.abs(sink.events[0]!.timestamp - startedWall)).toBeLessThan(20);
  });

  it('records a failure with its code and status', async () => {
    // Arrange
    const { sink, request, reply, interceptor } = fixture();
    const failure = Object.assign(new Error('throttled'), { code: 'rate_limited', status: 429 });
    const next: CallHandler = { handle: () => throwError(() => failure) };
    // Act
    await expect(lastValueFrom(interceptor.intercept(httpContext(request, reply), next))).rejects.toBe(
      failure,
    );
    await nextTurn();
    // Assert
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ status: 'error', errorCode: 'rate_limited', httpStatus: 429 });
  });

  it('records a stream once its completion settles, not when the handler returns', async () => {
    // Arrange
    const { sink, request, reply, interceptor, inFlight } = fixture();
    let finish: () => void = () => undefined;
    callRecordOf(request).completion = new Promise<void>((resolve) => (finish = resolve));
    const next: CallHandler = { handle: () => of('stream') };
    // Act
    await lastValueFrom(interceptor.intercept(httpContext(request, reply), next));
    await nextTurn();
    const beforeCompletion = sink.events.length;
    const inFlightBeforeCompletion = inFlight.size;
    finish();
    await nextTurn();
    // Assert: in flight (for a graceful stop to wait on) until the record is handed over
    expect(beforeCompletion).toBe(0);
    expect(inFlightBeforeCompletion).toBe(1);
    expect(sink.events).toHaveLength(1);
    expect(inFlight.size).toBe(0);
  });
});
