import { InFlightCalls } from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';

/**
 * `gateway_calls_in_flight`, read from InFlightCalls at every scrape: model calls under way or not yet
 * recorded (a stream counts until its record is written). Back to 0 when the traffic stops; a count that
 * stays up is a call that never recorded its usage.
 */
@Injectable()
export class InFlightCallsGauge {
  constructor(registry: Registry, calls: InFlightCalls) {
    new Gauge({
      name: 'gateway_calls_in_flight',
      help: 'Model calls in progress, counted until their usage is recorded.',
      registers: [registry],
      collect() {
        this.set(calls.size);
      },
    });
  }
}
