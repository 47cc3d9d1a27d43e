import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';

const ROOT = join(__dirname, '../../..');
export const GATEWAY_BUNDLE = join(ROOT, 'dist/apps/gateway/main.js');
const SOURCES = [join(ROOT, 'apps/gateway/src'), join(ROOT, 'libs')];

/** Builds the gateway (`nest build gateway`, as `npm run build`) unless the bundle is newer than every source. */
export function ensureBuiltGateway(): void {
  const built = mtimeOf(GATEWAY_BUNDLE);
  if (built !== null && built > Math.max(...SOURCES.map(newestSource))) return;
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'gateway'], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 120_000,
  });
}

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** stdout and stderr as they came. */
  output(): string;
  /** stderr alone. */
  errors(): string;
}

/** Runs `node dist/apps/gateway/main.js` with only the given env (plus PATH), and waits until it is ready. */
export async function runBuiltGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const gateway = await spawnBuiltGateway(env);
  await waitUntilReady(gateway);
  return gateway;
}

/** Starts `node dist/apps/gateway/main.js` like `runBuiltGateway`, without waiting for it. */
export async function spawnBuiltGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [GATEWAY_BUNDLE], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errors += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  return { child, url, exited, output: () => output, errors: () => errors };
}

/** Waits until `/health/ready` answers 200; kills the gateway and throws when it exits or never does. */
export async function waitUntilReady(gateway: GatewayProcess, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  let exited = false;
  void gateway.exited.then(() => (exited = true));
  while (Date.now() < until && !exited) {
    const status = await fetch(`${gateway.url}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  gateway.child.kill('SIGKILL');
  throw new Error(`the built gateway never became ready:\n${gateway.output()}`);
}

function mtimeOf(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|json)$/.test(entry.name) || /\.(e2e-)?spec\.ts$/.test(entry.name))
      continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
