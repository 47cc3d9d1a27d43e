import { join } from 'node:path';
import { emulatorArgs, gatewayArgs, gatewayEnv, GatewayRuntime } from './gateway-setup';
import { ROOT } from './paths';
import { freePort } from '../../test/support/free-port';
import { ServerProcess } from './server-process';

export interface StackOptions {
  latencyMs: number;
  runtime: GatewayRuntime;
  workDir: string;
  configPath: string;
  /** When set, the gateway runs with --cpu-prof and writes its profile here on stop. */
  cpuProfileDir?: string;
}

/**
 * The servers of one run, each its own process: the emulator, this gateway, Portkey's, and the two
 * reference proxies: the bare SDK proxy (the floor of any gateway that calls Bedrock through SDK v3) and
 * the bare Nest proxy (the same on Nest with Fastify, the floor of a gateway built as this one is).
 */
export interface Stack {
  emulator: ServerProcess;
  gateway: ServerProcess;
  portkey: ServerProcess;
  sdkProxy: ServerProcess;
  nestProxy: ServerProcess;
  stop(): Promise<void>;
}

const PORTKEY_SERVER = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
const LOOPBACK_ONLY = join(ROOT, 'bench/lib/loopback-only.js');
const EXIT_ON_SIGUSR2 = join(ROOT, 'bench/lib/exit-on-sigusr2.js');
const SDK_PROXY_SERVER = join(ROOT, 'bench/lib/sdk-proxy-server.ts');
const NEST_PROXY_SERVER = join(ROOT, 'bench/lib/nest-proxy-server.ts');

export async function startStack(options: StackOptions): Promise<Stack> {
  const { latencyMs, runtime, workDir } = options;
  const [emulatorPort, gatewayPort, portkeyPort, sdkProxyPort, nestProxyPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const started: ServerProcess[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(started.map((server) => stopServer(server, options)));
  };
  try {
    const emulator = await ServerProcess.start({
      name: 'bedrock-local',
      args: [
        ...emulatorArgs(runtime),
        '--host',
        '127.0.0.1',
        '--port',
        String(emulatorPort),
        '--latency-ms',
        String(latencyMs),
      ],
      env: {},
      port: emulatorPort,
      readyPath: '/_emulator/health',
      logFile: join(workDir, `emulator-${latencyMs}ms.log`),
    });
    started.push(emulator);
    const profile = options.cpuProfileDir
      ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, '-r', EXIT_ON_SIGUSR2]
      : [];
    const gateway = await ServerProcess.start({
      name: 'gateway',
      args: [...profile, ...gatewayArgs(runtime)],
      env: gatewayEnv({
        port: gatewayPort,
        emulatorUrl: emulator.url,
        configPath: options.configPath,
        sqlitePath: join(workDir, `usage-${latencyMs}ms.db`),
      }),
      port: gatewayPort,
      readyPath: '/health/live',
      logFile: join(workDir, `gateway-${latencyMs}ms.log`),
    });
    started.push(gateway);
    // Portkey has no host flag: the preload keeps its wildcard listen() on 127.0.0.1. `--headless` and
    // NODE_ENV=production leave out its UI and log stream.
    const portkey = await ServerProcess.start({
      name: 'portkey',
      args: ['-r', LOOPBACK_ONLY, PORTKEY_SERVER, `--port=${portkeyPort}`, '--headless'],
      env: { NODE_ENV: 'production' },
      port: portkeyPort,
      readyPath: '/',
      logFile: join(workDir, `portkey-${latencyMs}ms.log`),
    });
    started.push(portkey);
    const sdkProxy = await startProxy('sdk-proxy', SDK_PROXY_SERVER, sdkProxyPort, emulator.url, options);
    started.push(sdkProxy);
    const nestProxy = await startProxy('nest-proxy', NEST_PROXY_SERVER, nestProxyPort, emulator.url, options);
    started.push(nestProxy);
    return { emulator, gateway, portkey, sdkProxy, nestProxy, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A reference proxy (from source: it is bench code, not part of the build). */
function startProxy(
  name: string,
  script: string,
  port: number,
  emulatorUrl: string,
  options: StackOptions,
): Promise<ServerProcess> {
  return ServerProcess.start({
    name,
    args: ['-r', '@swc-node/register', script, '--port', String(port), '--endpoint', emulatorUrl],
    env: {},
    port,
    readyPath: '/health',
    logFile: join(options.workDir, `${name}-${options.latencyMs}ms.log`),
  });
}

/** A profiled gateway leaves through process.exit (SIGUSR2), so that Node writes its --cpu-prof file. */
function stopServer(server: ServerProcess, options: StackOptions): Promise<void> {
  return server.stop(server.name === 'gateway' && options.cpuProfileDir ? 'SIGUSR2' : 'SIGTERM');
}
