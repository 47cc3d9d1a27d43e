import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './paths';
import { procCpuTimeMs } from './proc-cpu';

export interface ServerSpec {
  name: string;
  /** The program; `node` (this one) unless given, e.g. `valgrind` with `node` among its arguments. */
  command?: string;
  /** Arguments after the program (for `node`: flags, script, script arguments). */
  args: string[];
  env: Record<string, string>;
  port: number;
  /** GET path answered with 2xx once the server is ready. */
  readyPath: string;
  logFile: string;
  readyTimeoutMs?: number;
}

/**
 * One server under test, as its own `node` child process bound to 127.0.0.1. Its output goes to a log
 * file (never through the load client's event loop). Peak RSS is read from /proc/<pid>/status (VmHWM).
 */
export class ServerProcess {
  private exited = false;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly logFile: string,
  ) {
    child.once('exit', () => (this.exited = true));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(spec: ServerSpec): Promise<ServerProcess> {
    const log = openSync(spec.logFile, 'a');
    const child = spawn(spec.command ?? process.execPath, spec.args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...spec.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const server = new ServerProcess(spec.name, `http://127.0.0.1:${spec.port}`, child, spec.logFile);
    await server.waitReady(spec.readyPath, spec.readyTimeoutMs ?? 60_000);
    return server;
  }

  /** Peak resident set size in MiB since start or the last reset (VmHWM), or null when unreadable. */
  peakRssMb(): number | null {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      return match?.[1] ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
    } catch {
      return null;
    }
  }

  /** CPU time (user + system) the process has used, in ms. */
  cpuTimeMs(): number | null {
    return procCpuTimeMs(`/proc/${this.pid}/stat`);
  }

  /** Resets VmHWM to the current RSS (`5` into clear_refs, Linux ≥ 4.0); false where not permitted. */
  resetPeakRss(): boolean {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  logTail(bytes = 4000): string {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-bytes);
    } catch {
      return '';
    }
  }

  /** Sends the signal, waits for the exit, and kills it if it takes longer than the timeout. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exit;
    clearTimeout(timer);
  }

  private async waitReady(path: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.name} exited before it was ready:\n${this.logTail()}`);
      try {
        const response = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    await this.stop('SIGKILL');
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.logTail()}`);
  }
}
