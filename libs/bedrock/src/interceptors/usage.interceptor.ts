import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, finalize, tap } from 'rxjs';
import { BedrockError } from '../errors/bedrock-error';
import { BedrockErrorCode } from '../errors/bedrock-error-code';
import type { UsageEvent } from '../usage/usage-event';
import { UsageSink } from '../usage/usage-sink';
import { CallRecord } from './call-record';
import { callRecordOf } from './call-record.decorator';
import { InFlightCalls } from './in-flight-calls';
import { callEnd, failureStatus, toUsageEvent, type CallEnd } from './to-usage-event';

interface HttpRequestLike {
  id: string;
  startedAt?: number;
  routeOptions?: { url?: string };
  url: string;
}

interface HttpReplyLike {
  statusCode: number;
  header(name: string, value: string): unknown;
  raw: { headersSent: boolean };
}

/** API.md: model routes answer with the time spent inside the gateway, the wait on Bedrock excluded. */
export const OVERHEAD_HEADER = 'x-gateway-overhead-ms';

/**
 * Times and prices every model call and records one usage event per call, success or failure.
 * Measures, never decides: a recording failure is logged, never thrown into the request.
 */
@Injectable()
export class UsageInterceptor implements NestInterceptor {
  private readonly logger = new Logger('UsageInterceptor');

  constructor(
    private readonly sink: UsageSink,
    private readonly inFlight: InFlightCalls,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const reply = http.getResponse<HttpReplyLike>();
    const record = callRecordOf(request);
    const startedAt = request.startedAt ?? performance.now();
    let failure: unknown = undefined;
    this.inFlight.enter();
    const setOverhead = () => {
      if (!reply.raw.headersSent) reply.header(OVERHEAD_HEADER, record.overheadMs(startedAt).toFixed(3));
    };
    return next.handle().pipe(
      tap({ next: setOverhead, error: (error: unknown) => ((failure = error), setOverhead()) }),
      // Recording (ledger, metrics) waits until the response is on its way: Nest sends a blocking
      // answer only after this finalize, so work done here would be latency added to every call.
      finalize(() => {
        if (!record.completion) {
          const ended = callEnd();
          setImmediate(() => this.record(request, reply, record, startedAt, failure, ended));
        } else {
          void record.completion.finally(() => this.record(request, reply, record, startedAt, failure));
        }
      }),
    );
  }

  private record(
    request: HttpRequestLike,
    reply: HttpReplyLike,
    record: CallRecord,
    startedAt: number,
    failure: unknown,
    ended?: CallEnd,
  ): void {
    try {
      const route = request.routeOptions?.url ?? request.url;
      const event = toUsageEvent({
        requestId: request.id,
        route,
        record,
        startedAt,
        failure,
        replyStatus: reply.statusCode,
        ended,
      });
      this.sink.record(event);
      if (event.status === 'error') this.logFailure(event, record, failure ?? record.failure);
    } catch (error) {
      this.logger.error({ err: error, requestId: request.id }, 'could not record usage');
    } finally {
      this.inFlight.leave();
    }
  }

  /**
   * One line per call that Bedrock failed, or that failed with a 5xx, for whoever is on call: what
   * failed, where and after how many attempts, and what AWS said (its exception and request id, which an
   * AWS support case needs, and its message, shortened, except a ValidationException's, which can quote
   * the request). Error level for a 5xx, warn for the rest (a model Bedrock does not know, a body it
   * refused). A caller's own mistakes (400s before any call) and a dependency's outage (503 before any
   * call) are not logged here. Never the prompt.
   */
  private logFailure(event: UsageEvent, record: CallRecord, failure: unknown): void {
    const upstream = failure instanceof BedrockError ? failure : null;
    // A stream's HTTP status is 200 whatever ended it: its error's own status tells.
    const status = failureStatus(failure) ?? event.httpStatus;
    if (upstream === null && status < 500) return;
    // A 503 before any model call is one of the gateway's own dependencies refusing it (the rate and
    // budget counters): no model was called, and its cause is logged once per outage where it is found.
    // One line per refused call said "model call failed" ~100 times a second per instance (fleet review).
    if (upstream === null && record.attempts === 0 && status === 503) return;
    const level = status >= 500 ? 'error' : 'warn';
    const aws = upstream?.upstream;
    this.logger[level](
      {
        requestId: event.requestId,
        route: event.route,
        model: event.modelId,
        errorCode: event.errorCode,
        httpStatus: event.httpStatus,
        streamed: event.streamed,
        attempts: record.attempts,
        region: event.region,
        failoverRegion: event.failoverRegion,
        ...(aws && {
          upstream: {
            name: upstream.awsName,
            message: upstream.code === BedrockErrorCode.UpstreamValidation ? null : aws.message.slice(0, 300),
            bedrockRequestId: aws.requestId,
          },
        }),
      },
      'model call failed',
    );
  }
}
