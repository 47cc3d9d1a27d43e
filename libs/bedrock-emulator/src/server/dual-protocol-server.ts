import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import { Duplex } from 'node:stream';
import type { CompatRequestHandler } from './http-exchange';

/** The HTTP/2 client connection preface (RFC 9113 §3.4). */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
/** A peer that sends a prefix of the preface and then nothing is not worth a socket for longer than this. */
const SNIFF_TIMEOUT_MS = 10_000;

const ignore = (): void => undefined;

/**
 * What a malformed HTTP/1 request (bad chunk size, Content-Length with Transfer-Encoding, bare LF, headers
 * too large) is answered with: the §4.1 error shape, so an SDK still reads a named error, then a closed socket.
 */
function clientErrorResponse(error: Error & { code?: string }): string {
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, message] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'Request header fields are too large.']
    : [400, 'Bad Request', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify({ message });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'content-type: application/json',
    'x-amzn-errortype: ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/**
 * One TCP port that speaks both HTTP/2 cleartext with prior knowledge (the runtime and agent-runtime
 * clients) and HTTP/1.1 (the control-plane client), as shared/docs/bedrock-wire.md §0.1 and §9.1 describe:
 * Node's `allowHTTP1` only works over TLS, so the first bytes are sniffed here and the socket is handed
 * to the matching server. Both servers call the same compat-API handler.
 */
export class DualProtocolServer {
  private readonly tcp: net.Server;
  private readonly h1: http.Server;
  private readonly h2: http2.Http2Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  constructor(handler: CompatRequestHandler) {
    this.h1 = http.createServer({ keepAliveTimeout: 5_000 }, handler);
    this.h1.on('clientError', (error: Error, socket: Duplex) => {
      // A malformed HTTP/1 request gets a JSON error and a closed socket; never a crash.
      if (socket.writable) socket.end(clientErrorResponse(error));
      else socket.destroy();
    });
    this.h2 = http2.createServer({}, handler);
    this.h2.on('session', (session: http2.ServerHttp2Session) => {
      this.sessions.add(session);
      session.on('error', ignore);
      session.on('close', () => this.sessions.delete(session));
    });
    this.h2.on('sessionError', ignore);
    this.h2.on('error', ignore);
    this.tcp = net.createServer((socket) => this.sniff(socket));
    this.tcp.on('error', ignore);
  }

  /** Resolves with the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.tcp.once('error', onError);
      this.tcp.listen(port, host, () => {
        this.tcp.removeListener('error', onError);
        const address = this.tcp.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  }

  /** Stops accepting and tears down every session and socket at once, so in-flight stalls end too. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    for (const session of this.sessions) session.destroy();
    for (const socket of this.sockets) socket.destroy();
    this.h1.closeAllConnections();
    await closed;
  }

  private sniff(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', ignore);
    socket.setNoDelay(true);
    socket.setTimeout(SNIFF_TIMEOUT_MS, () => socket.destroy());
    let buffered: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const compared = Math.min(buffered.length, PREFACE.length);
      const isPrefix = buffered.subarray(0, compared).equals(PREFACE.subarray(0, compared));
      if (isPrefix && buffered.length < PREFACE.length) return;
      socket.removeListener('data', onData);
      socket.setTimeout(0);
      if (isPrefix) this.toHttp2(socket, buffered);
      else this.toHttp1(socket, buffered);
    };
    socket.on('data', onData);
  }

  private toHttp1(socket: net.Socket, sniffed: Buffer): void {
    socket.pause();
    socket.unshift(sniffed);
    this.h1.emit('connection', socket);
    socket.resume();
  }

  /**
   * An Http2Session reads the native handle directly and never sees `unshift()`ed bytes (§0.1 pitfall),
   * so the socket is wrapped in a JS Duplex that replays the sniffed bytes first.
   */
  private toHttp2(socket: net.Socket, sniffed: Buffer): void {
    const duplex = new Duplex({
      read: () => socket.resume(),
      write: (chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void) =>
        socket.write(chunk, encoding, callback),
      final: (callback: () => void) => {
        socket.end();
        callback();
      },
      destroy: (error: Error | null, callback: (error: Error | null) => void) => {
        socket.destroy();
        callback(error);
      },
    });
    socket.on('data', (chunk: Buffer) => {
      if (!duplex.push(chunk)) socket.pause();
    });
    socket.on('end', () => duplex.push(null));
    socket.on('error', (error) => duplex.destroy(error));
    socket.on('close', () => duplex.destroy());
    duplex.on('error', ignore);
    duplex.push(sniffed);
    this.h2.emit('connection', duplex);
  }
}
