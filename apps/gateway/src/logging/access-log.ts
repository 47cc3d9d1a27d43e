import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { API_ERROR_STATUS } from '../common/errors/api-error-code';

/** Load balancers probe health every few seconds; those lines would drown the rest. */
const isProbe = (url: string) =>
  url === '/health' || url.startsWith('/health/') || url.startsWith('/health?');

/**
 * One line per request: the request id (`requestId`, as on every line about a request: the same as
 * `x-request-id` and the usage record), method, URL, status and time. Never bodies (prompts,
 * completions) nor headers. `request completed` once the response is sent (5xx at error level),
 * `request aborted` with status 499 when the caller went away before its end (Fastify's onResponse does
 * not run then: it waits for the response's `finish`).
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  if (!logger.isLevelEnabled('error')) return;
  const line = (request: FastifyRequest, reply: FastifyReply, statusCode = reply.statusCode) => ({
    requestId: request.id,
    req: { method: request.method, url: request.url },
    res: { statusCode },
    responseTime: Math.round(reply.elapsedTime * 1000) / 1000,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!isProbe(request.url)) {
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished && logger.isLevelEnabled('info'))
          logger.info(
            { ...line(request, reply, API_ERROR_STATUS.client_closed), aborted: true },
            'request aborted',
          );
      });
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!isProbe(request.url)) {
      const level = reply.statusCode >= 500 ? 'error' : 'info';
      if (logger.isLevelEnabled(level)) logger[level](line(request, reply), 'request completed');
    }
    done();
  });
}
