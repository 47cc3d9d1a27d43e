import { Agent, request as httpRequest } from 'node:http';
import type { HttpRequestSpec, TargetName } from './workloads';

/** Says, from the bytes received so far, whether the first piece of generated text has arrived. */
type FirstTextDetector = (received: Buffer) => boolean;

/** Gateway SSE (API.md): the first `event: delta`. */
const gatewayDelta: FirstTextDetector = (received) => received.includes('event: delta');

/** The reference proxies' SSE (proxy-chat.ts): the first `delta` event whose text is non-empty. */
const sdkProxyDelta: FirstTextDetector = (received) =>
  /event: delta\ndata: \{"text":"[^"]/.test(received.toString('utf8'));

/** Portkey's OpenAI-style chunks: the first `delta` carrying non-empty `content` (the first one has only the role). */
const openAiContent: FirstTextDetector = (received) => /"content":"[^"]/.test(received.toString('utf8'));

/**
 * Bedrock's binary event stream (bedrock-wire.md): frames of [total length, headers length, prelude CRC,
 * headers, payload, CRC]; the payload is `{"bytes":"<base64 native chunk>"}`. The first Anthropic
 * `content_block_delta` is the first text.
 */
const eventStreamText: FirstTextDetector = (received) => {
  let offset = 0;
  while (offset + 12 <= received.length) {
    const total = received.readUInt32BE(offset);
    const headers = received.readUInt32BE(offset + 4);
    if (total < 16 || offset + total > received.length) return false;
    const payload = received.subarray(offset + 12 + headers, offset + total - 4).toString('utf8');
    const bytes = /"bytes":"([^"]+)"/.exec(payload)?.[1];
    if (bytes && Buffer.from(bytes, 'base64').includes('content_block_delta')) return true;
    offset += total;
  }
  return false;
};

const DETECTORS: Record<TargetName, FirstTextDetector> = {
  direct: eventStreamText,
  gateway: gatewayDelta,
  portkey: openAiContent,
  'sdk-proxy': sdkProxyDelta,
  'nest-proxy': sdkProxyDelta,
};

/**
 * Times to first token (ms) of `count` sequential streamed requests on one keep-alive connection, after
 * `warmup` unmeasured ones: from sending the request to the first generated text, each stream read to its
 * end before the next.
 */
export async function firstTokenTimes(
  target: TargetName,
  request: HttpRequestSpec,
  count: number,
  warmup: number,
): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  try {
    for (let index = 0; index < warmup + count; index += 1) {
      const elapsed = await oneStream(request, DETECTORS[target], agent);
      if (index >= warmup) samples.push(elapsed);
    }
  } finally {
    agent.destroy();
  }
  return samples;
}

function oneStream(request: HttpRequestSpec, detect: FirstTextDetector, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const body = Buffer.from(request.body);
    let firstText: number | undefined;
    const startedAt = performance.now();
    const outgoing = httpRequest(
      {
        agent,
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers: { ...request.headers, 'content-length': String(body.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          if (firstText !== undefined) return;
          chunks.push(chunk);
          if (detect(Buffer.concat(chunks))) firstText = performance.now() - startedAt;
        });
        response.on('end', () => {
          if (response.statusCode !== 200)
            reject(new Error(`${request.url} answered ${response.statusCode}`));
          else if (firstText === undefined) reject(new Error(`${request.url}: stream ended without text`));
          else resolve(firstText);
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
