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
 * The servers of one run, each its own process: the emulator, this gateway, Portkey's, and the bare SDK
 * proxy (the reference floor for any gateway that calls Bedrock through SDK v3).
 */
export interface Stack {
  emulator: ServerProcess;
  gateway: ServerProcess;
  portkey: ServerProcess;
  sdkProxy: ServerProcess;
  stop(): Promise<void>;
}

const PORTKEY_SERVER = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
const LOOPBACK_ONLY = join(ROOT, 'bench/lib/loopback-only.js');
const EXIT_ON_SIGUSR2 = join(ROOT, 'bench/lib/exit-on-sigusr2.js');
const SDK_PROXY_SERVER = join(ROOT, 'bench/lib/sdk-proxy-server.ts');

export async function startStack(options: StackOptions): Promise<Stack> {
  const { latencyMs, runtime, workDir } = options;
  const [emulatorPort, gatewayPort, portkeyPort, sdkProxyPort] = [
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
    const sdkProxy = await ServerProcess.start({
      name: 'sdk-proxy',
      args: [
        '-r',
        '@swc-node/register',
        SDK_PROXY_SERVER,
        '--port',
        String(sdkProxyPort),
        '--endpoint',
        emulator.url,
      ],
      env: {},
      port: sdkProxyPort,
      readyPath: '/health',
      logFile: join(workDir, `sdk-proxy-${latencyMs}ms.log`),
    });
    started.push(sdkProxy);
    return { emulator, gateway, portkey, sdkProxy, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A profiled gateway leaves through process.exit (SIGUSR2), so that Node writes its --cpu-prof file. */
function stopServer(server: ServerProcess, options: StackOptions): Promise<void> {
  return server.stop(server.name === 'gateway' && options.cpuProfileDir ? 'SIGUSR2' : 'SIGTERM');
}
