import { ArgumentsHost, Catch, ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { errorEnvelope } from '../errors/error-envelope';
import { toApiError } from '../errors/to-api-error';
import { setRefusalOverhead } from '../http/model-route';

/** The one place that knows HTTP for errors: writes the API.md envelope, never a stack. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(exception, request, reply, this.logger);
  }
}

function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  // No route matched: Fastify still parses the body first, and its refusal must not hide the 404. The
  // gateway's own header checks (ApiError) still answer first, as on any route.
  const unrouted = request.is404 && !(exception instanceof ApiError);
  const error = toApiError(unrouted ? new NotFoundException() : exception);
  if (error.code === 'internal_error') {
    logger.error({ err: exception, requestId: request.id }, 'unhandled error');
  }
  if (reply.sent || reply.raw.headersSent) return;
  setRefusalOverhead(request, reply);
  if (error.retryAfterSeconds !== null)
    void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  void reply
    .status(error.status)
    // Set here too: Fastify's 404 for a method no route has, on a path that is not valid percent-encoding,
    // skips the onRequest hook that sets it on every other answer.
    .header('x-request-id', request.id)
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorEnvelope(error, request.id));
}
