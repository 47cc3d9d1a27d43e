import { Injectable } from '@nestjs/common';

/** Set once, on SIGTERM: from then on readiness answers 503 so load balancers stop sending traffic. */
@Injectable()
export class DrainState {
  private startedAt: Date | null = null;

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
}
