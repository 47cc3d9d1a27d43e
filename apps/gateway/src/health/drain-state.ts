import { Injectable } from '@nestjs/common';

/**
 * Set once, on SIGTERM: from then on readiness answers 503 so load balancers stop sending traffic. Once
 * the drain delay is over the listener closes (`closeListener`), and a request that still comes on a
 * kept-alive socket is refused with 503 `not_ready` (configure-app.ts).
 */
@Injectable()
export class DrainState {
  private startedAt: Date | null = null;
  private closed = false;

  start(): void {
    this.startedAt ??= new Date();
  }

  get draining(): boolean {
    return this.startedAt !== null;
  }

  /** ISO time draining began, or null. */
  get since(): string | null {
    return this.startedAt?.toISOString() ?? null;
  }

  closeListener(): void {
    this.closed = true;
  }

  /** The listener has closed: no new request is served. */
  get listenerClosed(): boolean {
    return this.closed;
  }
}
