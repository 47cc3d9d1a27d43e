import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** Load balancers probe health every few seconds; those lines would drown the rest. */
const UNLOGGED_PREFIX = '/health';

/**
 * One line per request, once the response is sent: the request id (the same as `x-request-id` and the
 * usage record), method, URL, status and time. Never bodies (prompts, completions) nor headers.
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  if (!logger.isLevelEnabled('info')) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!request.url.startsWith(UNLOGGED_PREFIX)) {
      const status = reply.statusCode;
      logger[status >= 500 ? 'error' : 'info'](
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime * 1000) / 1000,
        },
        'request completed',
      );
    }
    done();
  });
}
