import { FaultRule, parseFaultRules } from './fault-rule';

/** Short header keys to rule fields. */
const KEYS: Record<string, keyof FaultRule> = {
  times: 'times',
  rate: 'rate',
  ms: 'latencyMs',
  'chunk-ms': 'chunkLatencyMs',
  after: 'afterChunks',
  type: 'errorType',
  status: 'status',
  message: 'message',
  operation: 'operation',
  model: 'modelId',
  prompt: 'prompt',
};
const NUMERIC: ReadonlySet<keyof FaultRule> = new Set([
  'times',
  'rate',
  'latencyMs',
  'chunkLatencyMs',
  'afterChunks',
  'status',
]);

/**
 * Parses `x-bedrock-local-fault`: rules separated by `,`, each `kind[;key=value]...`, values
 * percent-decoded. Examples: `throttle;times=2`, `latency;ms=300;chunk-ms=50`,
 * `stream-error;after=2;type=throttlingException`, `error;type=ModelErrorException;status=424`.
 */
export function parseFaultHeader(header: string): FaultRule[] {
  const rules = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [kind, ...params] = part.split(';').map((piece) => piece.trim());
      const rule: Record<string, unknown> = { kind };
      for (const param of params) {
        const equals = param.indexOf('=');
        const key = KEYS[equals === -1 ? param : param.slice(0, equals)];
        if (!key || equals === -1) throw new Error(`Invalid fault parameter "${param}" in "${part}"`);
        const value = decodeURIComponent(param.slice(equals + 1));
        rule[key] = NUMERIC.has(key) ? Number(value) : value;
      }
      return rule;
    });
  return parseFaultRules(rules);
}
