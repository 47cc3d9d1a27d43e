import { BedrockClients } from '../clients/bedrock-clients';

/**
 * The real SDK clients of the gateway, one endpoint per region (the first is the primary), for specs that
 * talk to an in-process emulator (or to a closed port, for a region that cannot be reached).
 */
export function bedrockClientsAt(regionEndpoints: Record<string, string>): BedrockClients {
  return new BedrockClients({
    regions: Object.keys(regionEndpoints),
    endpoints: {},
    regionEndpoints,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'emulator' },
    httpHandler: 'http1',
    maxSockets: 4,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    circuit: { consecutiveFailures: 5, halfOpenAfterMs: 1_000 },
    arnHints: {},
  });
}

/**
 * `jest.useFakeTimers({ doNotFake: EVERYTHING_BUT_INTERVALS })`: only setInterval/clearInterval are faked,
 * so a service's refresh timer can be driven while the HTTP calls it starts keep real timers and clock.
 */
export const EVERYTHING_BUT_INTERVALS = [
  'Date',
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setTimeout',
  'clearTimeout',
] as const;
