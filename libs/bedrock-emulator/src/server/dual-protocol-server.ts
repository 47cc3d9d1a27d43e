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
    this.h1.on('clientError', (_error: Error, socket: Duplex) => {
      // A malformed HTTP/1 request gets a bare 400 and a closed socket; never a crash.
      if (socket.writable)
        socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
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
