import * as http from 'node:http';
import * as http2 from 'node:http2';
import { performance } from 'node:perf_hooks';

/** How long a reset waits for the frames already written to leave, at most (`abort`). */
const RESET_WAIT_MS = 1_000;

export type CompatRequest = http.IncomingMessage | http2.Http2ServerRequest;
export type CompatResponse = http.ServerResponse | http2.Http2ServerResponse;
export type CompatRequestHandler = (request: CompatRequest, response: CompatResponse) => void;
export type ResponseHeaders = Record<string, string | number>;

/**
 * One request/response pair, the same whichever protocol carried it (HTTP/1.1 or h2c, through Node's
 * compat API). Knows when the client went away before the response finished, which is how tests prove
 * that an upstream call was aborted.
 */
export class HttpExchange {
  readonly startedAt = performance.now();
  readonly protocol: '1.1' | '2.0';
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  private finished = false;
  private ended = false;
  private closed = false;
  private wasAborted = false;
  /** Set on HTTP/2, whose compat response emits `finish` on every close, complete or not. */
  private readonly h2Stream: http2.ServerHttp2Stream | undefined;
  private readonly closeWaiters: (() => void)[] = [];

  constructor(
    readonly request: CompatRequest,
    private readonly response: CompatResponse,
  ) {
    this.protocol = request.httpVersion === '2.0' ? '2.0' : '1.1';
    this.method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    this.path = queryStart === -1 ? url : url.slice(0, queryStart);
    this.query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
    this.h2Stream = response instanceof http2.Http2ServerResponse ? response.stream : undefined;
    response.on('finish', () => {
      this.finished = true;
    });
    response.on('close', () => {
      this.closed = true;
      const h2Stream = this.h2Stream;
      this.wasAborted = h2Stream
        ? !this.ended || h2Stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR
        : !this.finished;
      for (const waiter of this.closeWaiters.splice(0)) waiter();
    });
  }

  /** A request header (lower-case name); the first value when repeated. */
  header(name: string): string | undefined {
    const value = this.request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  /** True once the connection or stream closed before the whole response was sent. */
  get aborted(): boolean {
    return this.wasAborted;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves when the response's connection/stream closes, for whatever reason. */
  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  get headersSent(): boolean {
    return this.response.headersSent;
  }

  /** Sends a whole response. HTTP/2 responses never carry connection-specific headers (§0.1). */
  send(status: number, headers: ResponseHeaders, body: Buffer | string): void {
    if (this.closed) return;
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.writeHead(status, { ...headers, 'content-length': bytes.length });
    this.ended = true;
    this.response.end(bytes);
  }

  /** Starts a streamed response (no content-length: chunked on HTTP/1.1, DATA frames on HTTP/2). */
  writeHead(status: number, headers: ResponseHeaders): void {
    if (this.response instanceof http2.Http2ServerResponse) this.response.writeHead(status, headers);
    else this.response.writeHead(status, headers);
  }

  /** Writes a chunk, waiting for the peer to drain when buffers are full; false when the client is gone. */
  async write(chunk: Buffer): Promise<boolean> {
    if (this.closed) return false;
    const response = this.response;
    const flushed =
      response instanceof http2.Http2ServerResponse ? response.write(chunk) : response.write(chunk);
    if (!flushed) {
      await new Promise<void>((resolve) => {
        const done = (): void => resolve();
        response.once('drain', done);
        this.closeWaiters.push(done);
      });
    }
    return !this.closed;
  }

  end(): void {
    if (this.closed) return;
    this.ended = true;
    this.response.end();
  }

  /**
   * Ends the response abruptly: RST_STREAM on HTTP/2, a reset socket on HTTP/1.1. On both the
   * stream/socket is reset only once what was already written has left it, so the client sees the
   * headers and earlier chunks, then the connection drop (a mid-stream failure, not a failed request).
   */
  abort(): void {
    if (this.closed) return;
    const response = this.response;
    if (response instanceof http2.Http2ServerResponse) {
      // RST_STREAM discards DATA still queued for the stream: reset only once what was written has
      // been handed to the session, so the client sees the earlier frames, then the reset.
      // A client that stopped reading (its flow-control window full) never lets that happen: the reset
      // then goes after RESET_WAIT_MS anyway.
      const stream = response.stream;
      const fallback = setTimeout(() => reset(), RESET_WAIT_MS).unref();
      const reset = (): void => {
        clearTimeout(fallback);
        if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      };
      if (stream.writable) stream.write(Buffer.alloc(0), reset);
      else reset();
      return;
    }
    const socket = response.socket;
    if (socket && !socket.destroyed) socket.write('', () => response.destroy());
    else response.destroy();
  }
}
