import { z } from 'zod';
import { AWS_REGION_MESSAGE, AWS_REGION_NAME } from './aws-region';

/**
 * Every environment variable the gateway reads, with its default and meaning. The README's configuration
 * reference is generated from this schema (`npm run docs:config`), and a test fails when they drift.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
/** Decimal digits only: `Number()` would also take `0x10`, `1e3` or blank text (as 0). */
const int = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ invalid_type_error: 'must be a whole number in decimal digits' }).int().min(min).max(max),
  );
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
const url = z.string().url();
const regionList = list.superRefine((regions, context) => {
  const seen = new Set<string>();
  for (const region of regions) {
    if (!AWS_REGION_NAME.test(region)) {
      context.addIssue({ code: 'custom', message: `"${region}" ${AWS_REGION_MESSAGE}` });
    } else if (seen.has(region)) {
      context.addIssue({ code: 'custom', message: `"${region}" is listed twice` });
    }
    seen.add(region);
  }
});

export const ENV_SCHEMA = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('Runtime mode. In `production` the Bedrock backend must be named and API keys are required.'),
  PORT: int(0, 65535).default(3000).describe('HTTP port of the gateway (0 picks a free one).'),
  HOST: z.string().default('0.0.0.0').describe('Interface the gateway listens on.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level (pino).'),
  BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('Largest accepted request body; larger gives 413 `payload_too_large`.'),
  BEDROCK_BACKEND: z
    .enum(['local', 'aws'])
    .optional()
    .describe(
      '`local`: the bedrock-local emulator in-process (synthetic answers). `aws`: real Bedrock through the default credential chain. Defaults to `local` except in production, where it must be set.',
    ),
  AWS_REGION: z
    .string()
    .regex(AWS_REGION_NAME, AWS_REGION_MESSAGE)
    .default('us-east-1')
    .describe('Primary Bedrock region.'),
  BEDROCK_FAILOVER_REGIONS: regionList
    .default('')
    .describe(
      "Comma-separated regions tried in order when the primary keeps failing with retryable errors, e.g. `us-west-2,us-east-2`. A call for a geography's inference profile (`us.…`) or an ARN skips the regions that cannot serve it.",
    ),
  BEDROCK_ENDPOINT_URL: url
    .optional()
    .describe(
      'bedrock-runtime endpoint override (VPC endpoint, or a separately started emulator). The agent-runtime and control-plane clients use it too unless `BEDROCK_AGENT_ENDPOINT_URL` / `BEDROCK_CONTROL_ENDPOINT_URL` are set: with VPC endpoints, set all three.',
    ),
  BEDROCK_AGENT_ENDPOINT_URL: url
    .optional()
    .describe('bedrock-agent-runtime endpoint override (Knowledge Bases).'),
  BEDROCK_CONTROL_ENDPOINT_URL: url
    .optional()
    .describe('bedrock control-plane endpoint override (ListFoundationModels).'),
  BEDROCK_REGION_ENDPOINTS: z
    .string()
    .default('')
    .describe(
      'Per-region endpoint overrides for every Bedrock client: `us-east-1=http://127.0.0.1:4010,us-west-2=http://127.0.0.1:4011`. Takes precedence over the three single overrides.',
    ),
  BEDROCK_HTTP_HANDLER: z
    .enum(['http1', 'http2'])
    .default('http1')
    .describe(
      'Transport of the runtime clients: `http1` (keep-alive pool, measured fastest here) or `http2` (multiplexed session).',
    ),
  BEDROCK_MAX_SOCKETS: int(1, 10000)
    .default(256)
    .describe('Keep-alive sockets per Bedrock endpoint (http1 handler).'),
  BEDROCK_MAX_ATTEMPTS: int(1, 10)
    .default(3)
    .describe(
      "Attempts per region for retryable errors (throttling, 5xx but 501, model not ready, timeouts). The SDK's own retries are off: this is the only retry layer.",
    ),
  BEDROCK_RETRY_BASE_MS: int(0, 60000)
    .default(200)
    .describe('Base delay of the exponential backoff with full jitter.'),
  BEDROCK_RETRY_MAX_MS: int(0, 120000).default(5000).describe('Largest single backoff delay.'),
  BEDROCK_CIRCUIT_FAILURES: int(1, 1000)
    .default(5)
    .describe('Consecutive upstream failures that open the circuit of a model in a region.'),
  BEDROCK_CIRCUIT_HALF_OPEN_MS: int(100, 600000)
    .default(30000)
    .describe('Time an open circuit waits before letting one trial call through.'),
  BEDROCK_ARN_HINTS: z
    .string()
    .default('{}')
    .describe(
      'JSON map of provisioned/custom/imported model ARN → `{ "family": "anthropic", "schema"?: …, "baseModelId"?: … }`, for ARNs that hide the model.',
    ),
  BEDROCK_LOCAL_PORT: int(0, 65535)
    .default(0)
    .describe('Port of the embedded emulator in local mode (0 = a free one).'),
  BEDROCK_LOCAL_LATENCY_MS: int(0, 60000)
    .default(0)
    .describe(
      'Latency the embedded emulator adds to each of its calls: model calls, Retrieve, and the `ListFoundationModels` of the readiness probe, which waits at most 3 s (from 3000 on, `/health/ready` stays 503).',
    ),
  BEDROCK_LOCAL_KB_DIR: z
    .string()
    .optional()
    .describe(
      'One folder of extra knowledge bases for the embedded emulator (each subfolder is one knowledge base; give each an `id` in its `kb.json` to list it in `KNOWLEDGE_BASES`).',
    ),
  KNOWLEDGE_BASES: z
    .string()
    .optional()
    .describe(
      'JSON array of knowledge bases: `[{ "alias": "general", "id": "KBGENERAL1", "description": "…", "region"?: "us-east-1", "min_score"?: 0.2, "strict"?: false }]`. Local mode without it: the emulator\'s sample knowledge base as `general`.',
    ),
  DEFAULT_KNOWLEDGE_BASE: z
    .string()
    .optional()
    .describe(
      'Knowledge base (alias or id) used when a RAG request names none. Defaults to the first configured one. The gateway refuses to start when it names none of `KNOWLEDGE_BASES`.',
    ),
  RAG_MIN_SCORE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.15)
    .describe(
      'Default `min_score` of retrieved passages, for knowledge bases that set none. 0.15 fits the score scale of the local emulator (docs/decisions.md, RAG); tune it to the scores of your knowledge base.',
    ),
  DEFAULT_MODEL: z
    .string()
    .optional()
    .describe(
      "Model used when a request names none (alias, id, inference-profile id or ARN). Defaults to the catalog's default. The gateway refuses to start when it is not a known text model.",
    ),
  DEFAULT_TIMEOUT_MS: int(1000, 300000)
    .default(60000)
    .describe('Deadline of a model call when the request has no `timeout_ms`.'),
  STREAM_STALL_MS: int(1000, 600000)
    .default(30000)
    .describe(
      'A streamed answer on whose connection no write completes for this long while more is waiting is closed (recorded `client_closed`), so callers that stopped reading do not hold Bedrock connections until their deadline.',
    ),
  SHUTDOWN_GRACE_MS: int(0, 600000)
    .default(10000)
    .describe(
      'On SIGTERM, how long in-flight requests (streams included) may take to finish; then they are ended with 503 `not_ready` (a stream with its `error` event).',
    ),
  SHUTDOWN_DRAIN_DELAY_MS: int(0, 600000)
    .default(5000)
    .describe(
      'On SIGTERM, how long readiness answers 503 while requests are still served, before the listener closes (lets load balancers take the instance out first). Part of SHUTDOWN_GRACE_MS.',
    ),
  DATABASE_URL: z
    .string()
    .optional()
    .describe('PostgreSQL URL for the usage ledger (`postgres://…`). Unset: SQLite at `USAGE_SQLITE_PATH`.'),
  USAGE_SQLITE_PATH: z
    .string()
    .default('./data/usage.db')
    .describe(
      "SQLite file of the usage ledger when no `DATABASE_URL` is set. Its folder is the instance's data folder in every case: the usage spill file lives there, and one gateway owns it (a second on the same folder refuses to boot).",
    ),
  USAGE_RETENTION_DAYS: int(1, 3650).default(90).describe('Usage records older than this are purged daily.'),
  USAGE_FLUSH_INTERVAL_MS: int(10, 60000)
    .default(250)
    .describe('Longest time a usage record waits in memory before it is written.'),
  USAGE_REPORT_TIMEOUT_MS: int(1000, 600000)
    .default(30000)
    .describe(
      "PostgreSQL only: longest one statement of a usage report may run (the server's `statement_timeout`; the gateway stops waiting for an answer 2 s later), then `/usage/*` answers 503 `not_ready`. Each statement of the boot's migration and of the daily purge has the same bound; opening a connection has 5 s.",
    ),
  REDIS_URL: z
    .string()
    .optional()
    .describe(
      'Redis URL for rate-limit and budget counters shared by several instances. Unset: in-process counters.',
    ),
  GATEWAY_CONFIG: z
    .string()
    .optional()
    .describe(
      'Path of the YAML file with tenants, keys, budgets, rates, PII policy and allow-lists (docs/gateway-config.md); reloaded on SIGHUP. Unset outside production: authentication is off.',
    ),
  USAGE_PUBLIC: bool
    .default('false')
    .describe('`true` lets any key (not only admin keys) read /usage/* for all tenants.'),
  METRICS_PUBLIC: bool
    .default('false')
    .describe('`true` serves /metrics to any valid key, not only admin keys (give the scraper its own key).'),
});

export type Env = z.infer<typeof ENV_SCHEMA>;
