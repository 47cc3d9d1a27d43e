import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy to a real server that can stop passing bytes while keeping every connection open: what a
 * paused server or a network partition looks like to a client (no error, no answer). For tests only.
 */
export class StallingProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Bytes that arrived while stalled, by the socket they go to, in order. */
  private readonly held = new Map<Socket, Buffer[]>();
  private stalled = false;
  private boundPort = 0;
  private acceptedCount = 0;

  private constructor(targetHost: string, targetPort: number) {
    this.server = createServer((client) => {
      this.acceptedCount += 1;
      const upstream = connect(targetPort, targetHost);
      this.pipe(client, upstream);
      this.pipe(upstream, client);
    });
  }

  static async start(targetHost: string, targetPort: number): Promise<StallingProxy> {
    const proxy = new StallingProxy(targetHost, targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    proxy.boundPort = address.port;
    return proxy;
  }

  /** A proxy in front of the server a URL names (`postgres://root@127.0.0.1:5432/test`), port included. */
  static inFrontOf(url: string): Promise<StallingProxy> {
    const target = new URL(url);
    if (!target.port) throw new Error(`${url} names no port`);
    return StallingProxy.start(target.hostname, Number(target.port));
  }

  /** The URL, going through this proxy instead. */
  through(url: string): string {
    const proxied = new URL(url);
    proxied.host = `127.0.0.1:${this.boundPort}`;
    return proxied.toString();
  }

  /** Client connections accepted so far. */
  get accepted(): number {
    return this.acceptedCount;
  }

  /** Stops passing bytes either way; what arrives meanwhile waits, in order. */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  /** Passes bytes again, those that waited first. */
  resume(): void {
    this.stalled = false;
    for (const [to, chunks] of this.held) for (const chunk of chunks) to.write(chunk);
    this.held.clear();
    for (const socket of this.sockets) socket.resume();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(from: Socket, to: Socket): void {
    this.sockets.add(from);
    from.on('data', (chunk: Buffer) => this.forward(from, to, chunk));
    from.on('close', () => (this.sockets.delete(from), to.destroy()));
    from.on('error', () => to.destroy());
    if (this.stalled) from.pause();
  }

  private forward(from: Socket, to: Socket, chunk: Buffer): void {
    if (!this.stalled) {
      to.write(chunk);
      return;
    }
    from.pause();
    const waiting = this.held.get(to) ?? [];
    waiting.push(chunk);
    this.held.set(to, waiting);
  }
}
