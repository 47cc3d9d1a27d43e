import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';

export const SIGV4 =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/bedrock/aws4_request, ' +
  `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP/1.1 request on a fresh connection. */
export function http1(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method, headers, agent: false }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(parts).toString(),
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** One HTTP/2 prior-knowledge request on a fresh session. */
export function h2(url: string, headers: http2.OutgoingHttpHeaders, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url);
    session.on('error', reject);
    const stream = session.request(headers);
    let responseHeaders: http2.IncomingHttpHeaders & http2.IncomingHttpStatusHeader = {};
    const parts: Buffer[] = [];
    stream.on('response', (received) => (responseHeaders = received));
    stream.on('data', (chunk: Buffer) => parts.push(chunk));
    stream.on('end', () => {
      session.close();
      resolve({
        status: Number(responseHeaders[':status']),
        headers: responseHeaders,
        body: Buffer.concat(parts).toString(),
      });
    });
    stream.on('error', reject);
    stream.end(body);
  });
}

/** Writes raw bytes on a TCP socket and resolves with whatever comes back once the server closes it (or after 1 s). */
export function rawSocket(port: number, chunks: Buffer[], endAfterWrite = false): Promise<Buffer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const finish = (): void => {
      socket.destroy();
      resolve(Buffer.concat(received));
    };
    const timer = setTimeout(finish, 1000);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      finish();
    });
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (endAfterWrite) socket.end();
    });
  });
}
