import { UpstreamPolicy } from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';

/**
 * `gateway_circuit_state{model,region}`, read from UpstreamPolicy at every scrape (so it is never
 * stale): 0 closed, 1 open, 2 half-open, 3 isolated (cockatiel's CircuitState values).
 */
@Injectable()
export class CircuitStateGauge {
  constructor(registry: Registry, policy: UpstreamPolicy) {
    new Gauge({
      name: 'gateway_circuit_state',
      help: 'Circuit breaker state per model and region: 0 closed, 1 open, 2 half-open, 3 isolated.',
      labelNames: ['model', 'region'],
      registers: [registry],
      collect() {
        this.reset();
        for (const circuit of policy.circuitStates())
          this.set({ model: circuit.modelId, region: circuit.region }, Number(circuit.state));
      },
    });
  }
}
