import { join } from 'node:path';
import { emulatorArgs, gatewayArgs, gatewayEnv, GatewayRuntime } from './gateway-setup';
import { ROOT } from './paths';
import type { ServerSpec } from './server-process';
import type { TargetName } from './workloads';

/** The servers a run starts besides the emulator. */
export type ServerName = Exclude<TargetName, 'direct'>;

export interface LaunchOptions {
  port: number;
  emulatorUrl: string;
  runtime: GatewayRuntime;
  configPath: string;
  workDir: string;
  /** Names this run's log and ledger files (`0ms`, `instructions`, …). */
  label: string;
  /** Node flags put before the script (profiling). */
  nodeFlags?: string[];
}

const PORTKEY_SERVER = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
const LOOPBACK_ONLY = join(ROOT, 'bench/lib/loopback-only.js');
const PROXY_SERVERS = {
  'sdk-proxy': join(ROOT, 'bench/lib/sdk-proxy-server.ts'),
  'nest-proxy': join(ROOT, 'bench/lib/nest-proxy-server.ts'),
};

/** How one server of a run is started: `node` arguments, environment, readiness path, log file. */
export function serverSpec(name: ServerName, options: LaunchOptions): ServerSpec {
  const { port, emulatorUrl, workDir, label } = options;
  const flags = options.nodeFlags ?? [];
  const common = { name, port, logFile: join(workDir, `${name}-${label}.log`) };
  switch (name) {
    case 'gateway':
      return {
        ...common,
        args: [...flags, ...gatewayArgs(options.runtime)],
        env: gatewayEnv({
          port,
          emulatorUrl,
          configPath: options.configPath,
          sqlitePath: join(workDir, `usage-${label}.db`),
        }),
        readyPath: '/health/live',
      };
    case 'portkey':
      // Portkey has no host flag: the preload keeps its wildcard listen() on 127.0.0.1. `--headless` and
      // NODE_ENV=production leave out its UI and log stream.
      return {
        ...common,
        args: [...flags, '-r', LOOPBACK_ONLY, PORTKEY_SERVER, `--port=${port}`, '--headless'],
        env: { NODE_ENV: 'production' },
        readyPath: '/',
      };
    case 'sdk-proxy':
    case 'nest-proxy':
      // From source: the reference proxies are bench code, not part of the build.
      return {
        ...common,
        args: [
          ...flags,
          '-r',
          '@swc-node/register',
          PROXY_SERVERS[name],
          '--port',
          String(port),
          '--endpoint',
          emulatorUrl,
        ],
        env: {},
        readyPath: '/health',
      };
  }
}

/** The emulator every server of a run calls, with a fixed latency per model call. */
export function emulatorSpec(
  options: Pick<LaunchOptions, 'port' | 'runtime' | 'workDir' | 'label'> & { latencyMs: number },
): ServerSpec {
  const { port, workDir, label } = options;
  return {
    name: 'bedrock-local',
    args: [
      ...emulatorArgs(options.runtime),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--latency-ms',
      String(options.latencyMs),
    ],
    env: {},
    port,
    readyPath: '/_emulator/health',
    logFile: join(workDir, `emulator-${label}.log`),
  };
}
