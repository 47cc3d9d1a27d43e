import type { HeaderBag, Principal } from '@app/governance';

/** The parts of a Fastify request the governance guard and interceptor read and write. */
export interface GovernedRequest {
  id: string;
  url: string;
  headers: HeaderBag;
  body?: unknown;
  startedAt?: number;
  routeOptions?: { url?: string };
  /** Node's request: `rawHeaders` keeps every header line, repeated ones included. */
  raw?: { rawHeaders: string[] };
  /** Set by the auth guard on every non-public route; read by `@CurrentPrincipal()`. */
  principal?: Principal;
}

/** The route pattern (`/bedrock/chat`) rather than the raw URL, as usage records name routes. */
export function routeOf(request: GovernedRequest): string {
  return request.routeOptions?.url ?? request.url;
}
