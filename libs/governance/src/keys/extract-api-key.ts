import { API_KEY_PREFIX } from './api-key';

/** Header bag as given by Node, Fastify or Express (names lowercase). */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The key a request presents, or why it presents no usable one. */
export type PresentedKey = { key: string } | { key: null; problem: 'missing' | 'conflicting' };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The key presented by a request: `Authorization: Bearer <key>` or `x-api-key: <key>`. An Authorization
 * value that is not a Bearer credential (Basic, a proxy's or a mesh's own token) is not ours and hides
 * nothing. Different keys among the Bearer values and `x-api-key` are a conflict, unless exactly one is
 * in the gateway's format (`bgw_…`: a mesh's Bearer JWT beside our key); the same key sent twice is one.
 * Node keeps only the first `Authorization` header and joins repeated `x-api-key` headers with ", ", so
 * the caller passes every value of both (from `rawHeaders`) as arrays.
 */
export function extractApiKey(headers: HeaderBag): PresentedKey {
  const bearers = valuesOf(headers['authorization']).map((value) => BEARER.exec(value)?.[1]);
  const apiKeys = valuesOf(headers['x-api-key']).map((value) => value.trim() || undefined);
  const keys = [...new Set([...bearers, ...apiKeys].filter((key): key is string => key !== undefined))];
  if (keys.length > 1) {
    const ours = keys.filter((key) => key.startsWith(API_KEY_PREFIX));
    return ours.length === 1 ? { key: ours[0]! } : { key: null, problem: 'conflicting' };
  }
  return keys.length === 1 ? { key: keys[0]! } : { key: null, problem: 'missing' };
}

function valuesOf(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
