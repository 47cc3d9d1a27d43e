import { OVERHEAD_HEADER } from '@app/bedrock';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Fastify route config of the routes that call a model (set by `@GovernedModelRoute()`). */
export const MODEL_ROUTE_CONFIG = { modelRoute: true } as const;

/**
 * API.md: model routes send `x-gateway-overhead-ms` on every answer. The usage interceptor sets it on
 * what reaches the handler (the wait on Bedrock excluded); an answer refused before that (an unparsable
 * body, a missing key) spent all its time in the gateway, which this sets when nothing has.
 */
export function setRefusalOverhead(request: FastifyRequest, reply: FastifyReply): void {
  const config = request.routeOptions?.config as { modelRoute?: boolean } | undefined;
  if (config?.modelRoute !== true || reply.hasHeader(OVERHEAD_HEADER)) return;
  void reply.header(OVERHEAD_HEADER, (performance.now() - request.startedAt).toFixed(3));
}
