import type { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiError } from './common/errors/api-error';
import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { bodyShapeError } from './common/http/body-shape';
import { inheritedKeyError, inheritedKeyPath } from './common/http/inherited-keys';
import {
  answerClientError,
  answerFrameworkError,
  unanswerableHeaders,
  MAX_PARAM_LENGTH,
} from './common/http/framework-errors';
import { requestIdOf } from './common/http/request-id';
import { createValidationPipe } from './common/http/validation.pipe';
import type { GatewayConfig } from './config/gateway-config';
import { registerAccessLog } from './logging/access-log';
import { GATEWAY_LOGGER } from './logging/gateway-logger';
import { DrainState } from './health/drain-state';

declare module 'fastify' {
  interface FastifyRequest {
    /** performance.now() when the request arrived; the base of every gateway timing. */
    startedAt: number;
  }
}

const SHUTTING_DOWN = (): ApiError =>
  new ApiError(
    'not_ready',
    'This instance is shutting down; send the request again (another instance will take it).',
  );

/** Nest's own body parsers are off: Fastify's JSON parser is the only one (no urlencoded forms). */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** The HTTP adapter of the gateway (Fastify), shared by main.ts and the tests. */
export function createHttpAdapter(config: GatewayConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.env.BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    // Keep-alive sockets of a load balancer outlive single requests; close idle ones after 72 s (> ALB's 60 s).
    keepAliveTimeout: 72_000,
    // Fastify's own 503 while closing has no envelope and no x-request-id: configureApp answers instead.
    return503OnClosing: false,
    // Node answers an HTTP/1.1 request without Host with a bare 400 and no id; the onRequest hook
    // answers it in the envelope instead (configureApp).
    http: { requireHostHeader: false },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
}

/** Everything that makes an app the gateway, whether started by main.ts or built by a test. */
export function configureApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const drain = app.get(DrainState);
  fastify.decorateRequest('startedAt', 0);
  fastify.decorate('openCalls', new Set<AbortController>());
  fastify.addHook('onRequest', (request, reply, done) => {
    request.startedAt = performance.now();
    // Answers hold one key's view (its catalog, its usage): no shared cache may keep them. A route with
    // its own rule (SSE) replaces it.
    void reply.header('x-request-id', request.id).header('cache-control', 'no-store');
    if (drain.listenerClosed) {
      // A kept-alive socket of a load balancer that still routes here (every instance unready during a
      // shared outage looks alike): refused in the envelope, and the socket closed after the answer.
      void reply.header('connection', 'close');
      return done(SHUTTING_DOWN());
    }
    done(unanswerableHeaders(request));
  });
  registerAccessLog(fastify, app.get(GATEWAY_LOGGER));
  // Before guards, interceptors and pipes walk the body: no valid JSON may exhaust their stack (API.md: no
  // 500), and no key may slip past the unknown-field check as an inherited name (inherited-keys.ts).
  // Health probes read no query, so theirs is not checked: a probe answers whatever its URL carries.
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.is404) return done(); // no route reads it: the answer is the 404
    const shapeError = bodyShapeError(request.body);
    if (shapeError) return done(shapeError);
    const probe = request.routeOptions.url?.startsWith('/health') === true;
    const inherited = inheritedKeyPath(request.body) ?? (probe ? null : inheritedKeyPath(request.query));
    done(inherited === null ? undefined : inheritedKeyError(inherited));
  });
  // RFC 9110 §10.1.1: an expectation other than 100-continue MAY be refused with 417; Node does so with a
  // bare body before any hook (liveness probes included). It is ignored instead: the request is served.
  fastify.server.on('checkExpectation', (request, response) =>
    fastify.server.emit('request', request, response),
  );
  // Bodies are JSON only (API.md): anything else is 415 rather than a parsed string or form.
  fastify.removeContentTypeParser('text/plain');
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): main.ts owns SIGTERM/SIGINT (drain, bounded grace, exit 0; health/graceful-shutdown.ts).
}
