import { UsageEvent, UsageSink } from '@app/bedrock';
import { Injectable } from '@nestjs/common';

/** Keeps the last usage events in memory (bounded). Placeholder until the ledger is wired. */
@Injectable()
export class InMemoryUsageSink extends UsageSink {
  private readonly events: UsageEvent[] = [];

  constructor(private readonly capacity = 10_000) {
    super();
  }

  record(event: UsageEvent): void {
    this.events.push(event);
    if (this.events.length > this.capacity) this.events.shift();
  }

  all(): readonly UsageEvent[] {
    return this.events;
  }
}
