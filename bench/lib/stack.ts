import { join } from 'node:path';
import type { GatewayRuntime } from './gateway-setup';
import { ROOT } from './paths';
import { freePort } from '../../test/support/free-port';
import { ServerProcess } from './server-process';
import { emulatorSpec, serverSpec, type ServerName } from './server-specs';

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

const EXIT_ON_SIGUSR2 = join(ROOT, 'bench/lib/exit-on-sigusr2.js');

export async function startStack(options: StackOptions): Promise<Stack> {
  const { latencyMs, runtime, workDir } = options;
  const emulatorPort = await freePort();
  const started: ServerProcess[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(started.map((server) => stopServer(server, options)));
  };
  try {
    const emulator = await ServerProcess.start(
      emulatorSpec({ port: emulatorPort, runtime, workDir, label: `${latencyMs}ms`, latencyMs }),
    );
    started.push(emulator);
    const start = async (name: ServerName, nodeFlags: string[] = []): Promise<ServerProcess> => {
      const server = await ServerProcess.start(
        serverSpec(name, {
          port: await freePort(),
          emulatorUrl: emulator.url,
          runtime,
          configPath: options.configPath,
          workDir,
          label: `${latencyMs}ms`,
          nodeFlags,
        }),
      );
      started.push(server);
      return server;
    };
    const profile = options.cpuProfileDir
      ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, '-r', EXIT_ON_SIGUSR2]
      : [];
    const gateway = await start('gateway', profile);
    const portkey = await start('portkey');
    const sdkProxy = await start('sdk-proxy');
    const nestProxy = await start('nest-proxy');
    return { emulator, gateway, portkey, sdkProxy, nestProxy, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A profiled gateway leaves through process.exit (SIGUSR2), so that Node writes its --cpu-prof file. */
function stopServer(server: ServerProcess, options: StackOptions): Promise<void> {
  return server.stop(server.name === 'gateway' && options.cpuProfileDir ? 'SIGUSR2' : 'SIGTERM');
}
