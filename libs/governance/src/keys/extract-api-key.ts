/** Header bag as given by Node, Fastify or Express (names lowercase). */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The key presented by a request: `Authorization: Bearer <key>` first, else `x-api-key: <key>`.
 * Returns null when neither is present or the Authorization header is not a Bearer credential.
 * A header sent several times is ambiguous and yields null.
 */
export function extractApiKey(headers: HeaderBag): string | null {
  if (headers['authorization'] !== undefined) {
    const authorization = single(headers['authorization']);
    return authorization === undefined ? null : (BEARER.exec(authorization)?.[1] ?? null);
  }
  if (headers['x-api-key'] === undefined) return null;
  const apiKey = single(headers['x-api-key'])?.trim();
  return apiKey ? apiKey : null;
}

function single(value: string | readonly string[] | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return value?.length === 1 ? value[0] : undefined;
}
