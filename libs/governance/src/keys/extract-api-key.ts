import { API_KEY_PREFIX } from './api-key';

/** Header bag as given by Node, Fastify or Express (names lowercase). */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The key a request presents, or why it presents no usable one. */
export type PresentedKey = { key: string } | { key: null; problem: 'missing' | 'conflicting' };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The key presented by a request: `Authorization: Bearer <key>` or `x-api-key: <key>`. An Authorization
 * header that is not a Bearer credential (Basic, a proxy's or a mesh's own token) is not ours and does not
 * hide `x-api-key`. Both carrying different keys is a conflict, unless only one is in the gateway's format
 * (`bgw_…`); a header sent several times with different values is a conflict too (Node keeps only the
 * first `Authorization`, so the caller passes every value it received, e.g. from `rawHeaders`).
 */
export function extractApiKey(headers: HeaderBag): PresentedKey {
  const sent = headers['authorization'];
  if (Array.isArray(sent) && new Set(sent).size > 1) return { key: null, problem: 'conflicting' };
  const authorization = typeof sent === 'string' ? sent : sent?.[0];
  const bearer = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  const apiKey = single(headers['x-api-key'])?.trim() || undefined;
  if (bearer !== undefined && apiKey !== undefined && bearer !== apiKey) {
    // A mesh or an OAuth proxy may send its own Bearer token beside our key: the one in our format wins.
    const ours = [bearer, apiKey].filter((key) => key.startsWith(API_KEY_PREFIX));
    return ours.length === 1 ? { key: ours[0]! } : { key: null, problem: 'conflicting' };
  }
  const key = bearer ?? apiKey;
  return key === undefined ? { key: null, problem: 'missing' } : { key };
}

function single(value: string | readonly string[] | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return value?.length === 1 ? value[0] : undefined;
}
