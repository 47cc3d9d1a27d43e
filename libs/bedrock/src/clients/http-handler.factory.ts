import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * The runtime client's default handler opens a new HTTP/2 session (a new TCP connection) per call
 * (`disableConcurrentStreams: true`, wire reference §0.1). We measured both alternatives
 * (docs/decisions.md): a keep-alive HTTP/1.1 pool is the default; `http2` multiplexes calls on one session.
 */
export function createRequestHandler(
  kind: 'http1' | 'http2',
  maxSockets: number,
): NodeHttpHandler | NodeHttp2Handler {
  if (kind === 'http2') {
    return new NodeHttp2Handler({ disableConcurrentStreams: false, sessionTimeout: 60_000 });
  }
  const agentOptions = {
    keepAlive: true,
    keepAliveMsecs: 30_000,
    maxSockets,
    maxFreeSockets: Math.min(maxSockets, 64),
  };
  return new NodeHttpHandler({
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    connectionTimeout: 5_000,
  });
}
