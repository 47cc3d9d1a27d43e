import type { Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One prom-client registry per app instance (never the library's global one, so several gateways in
 * one process, as in the tests, do not collide), with the default process metrics.
 */
export const metricsRegistryProvider: Provider = {
  provide: Registry,
  useFactory: (): Registry => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return registry;
  },
};
