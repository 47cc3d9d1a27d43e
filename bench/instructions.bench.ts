/**
 * `npm run bench:instructions`: machine instructions executed per blocking chat request, counted by
 * valgrind's callgrind, for this gateway, the two reference proxies and Portkey's gateway. A count, not a
 * time: it does not move with the other tenants of this shared machine (the same build's CPU time per
 * request moved by up to 30 % within minutes; these counts move by a few percent), so it can tell
 * whether a change of a few percent to the request path is real. Needs `npm run build` and valgrind.
 *
 *   node -r @swc-node/register bench/instructions.bench.ts [--targets gateway,nest-proxy,sdk-proxy,portkey]
 *     [--warmup 20000] [--requests 200] [--repeats 3] [--concurrency 1]
 *
 * Each server runs under callgrind with instrumentation off (about 10× slower, not 50×) until it has
 * served `--warmup` requests, 16 at a time, so the JIT has settled (the gateway's takes ~20,000 chats:
 * with 1,000 its count included code still running in the interpreter); then `--requests` sequential requests
 * are counted, `--repeats` times (`--concurrency 16` counts them 16 at a time instead, as the c=16 rows of
 * `npm run bench` send them: more requests in flight keep more objects alive across scavenges). Reported per request: the main thread (what bounds a Node server's
 * throughput) and all threads (GC helpers, the SQLite writer, libuv). Under valgrind a request takes
 * ~50-100 ms, so timer-driven work (ledger flushes, log flushes) falls on fewer requests than at full
 * speed and weighs a little more here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../test/support/free-port';
import { createGatewayConfig, GATEWAY_DIST } from './lib/gateway-setup';
import { sendAmount } from './lib/load';
import { ServerProcess } from './lib/server-process';
import { emulatorSpec, serverSpec, type ServerName } from './lib/server-specs';
import { type Endpoints, type HttpRequestSpec, requestFor } from './lib/workloads';

interface Count {
  mainThread: number;
  allThreads: number;
}

/** Asks the callgrind inside `server` to do `action` (it needs the server's own environment: pipe names). */
function callgrindControl(
  server: ServerProcess,
  env: Record<string, string>,
  vgdbPrefix: string,
  action: string,
) {
  const result = spawnSync('callgrind_control', [`--vgdb-prefix=${vgdbPrefix}`, action, String(server.pid)], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`callgrind_control ${action} failed: ${result.stderr}`);
}

async function sendSequentially(request: HttpRequestSpec, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${request.url} answered ${response.status}`);
  }
}

/** Instructions of dump `dump` of process `pid`: thread 1 (main) and all threads (one file per thread). */
function readDump(dir: string, name: string, pid: number, dump: number): Count {
  const prefix = `${name}.${pid}.out.${dump}-`;
  const files = readdirSync(dir).filter((file) => file.startsWith(prefix));
  const totals = files.map((file) => {
    const total = /^totals:\s+(\d+)/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
    return { thread: Number(file.slice(prefix.length)), instructions: Number(total ?? 0) };
  });
  return {
    mainThread: totals.find((entry) => entry.thread === 1)?.instructions ?? 0,
    allThreads: totals.reduce((sum, entry) => sum + entry.instructions, 0),
  };
}

async function measure(
  name: ServerName,
  emulatorUrl: string,
  work: { dir: string; configPath: string; apiKey: string },
  settings: { warmup: number; requests: number; repeats: number; concurrency: number },
): Promise<Count[]> {
  const spec = serverSpec(name, {
    port: await freePort(),
    emulatorUrl,
    runtime: 'dist',
    configPath: work.configPath,
    workDir: work.dir,
    label: 'instructions',
  });
  const vgdbPrefix = join(work.dir, `vgdb-${name}`);
  const valgrind = [
    '--tool=callgrind',
    '--instr-atstart=no',
    '--separate-threads=yes',
    `--vgdb-prefix=${vgdbPrefix}`,
    `--callgrind-out-file=${join(work.dir, `${name}.%p.out`)}`,
  ];
  const server = await ServerProcess.start({
    ...spec,
    command: 'valgrind',
    args: [...valgrind, process.execPath, ...spec.args],
    readyTimeoutMs: 300_000,
  });
  try {
    const endpoints: Endpoints = {
      emulator: emulatorUrl,
      gateway: server.url,
      portkey: server.url,
      sdkProxy: server.url,
      nestProxy: server.url,
      apiKey: work.apiKey,
    };
    const request = requestFor(name, endpoints, false);
    await sendAmount(request, 16, settings.warmup);
    const counts: Count[] = [];
    for (let repeat = 1; repeat <= settings.repeats; repeat += 1) {
      callgrindControl(server, spec.env, vgdbPrefix, '--zero');
      callgrindControl(server, spec.env, vgdbPrefix, '--instr=on');
      if (settings.concurrency > 1) await sendAmount(request, settings.concurrency, settings.requests);
      else await sendSequentially(request, settings.requests);
      callgrindControl(server, spec.env, vgdbPrefix, '--instr=off');
      callgrindControl(server, spec.env, vgdbPrefix, '--dump');
      const count = readDump(work.dir, name, server.pid, repeat);
      counts.push({
        mainThread: count.mainThread / settings.requests,
        allThreads: count.allThreads / settings.requests,
      });
    }
    return counts;
  } finally {
    await server.stop('SIGTERM', 60_000);
  }
}

const millions = (value: number): string => (value / 1e6).toFixed(2);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      targets: { type: 'string', default: 'gateway,nest-proxy,sdk-proxy,portkey' },
      warmup: { type: 'string', default: '20000' },
      requests: { type: 'string', default: '200' },
      repeats: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '1' },
    },
  });
  if (!existsSync(GATEWAY_DIST))
    throw new Error('run `npm run build` first (the gateway is measured from dist)');
  if (spawnSync('valgrind', ['--version']).status !== 0) throw new Error('valgrind is not installed');
  const targets = values.targets.split(',').map((item) => item.trim()) as ServerName[];
  const settings = {
    warmup: Number(values.warmup),
    requests: Number(values.requests),
    repeats: Number(values.repeats),
    concurrency: Number(values.concurrency),
  };
  for (const [name, value] of Object.entries(settings))
    if (!Number.isInteger(value) || value < 0 || (name !== 'warmup' && value < 1))
      throw new Error(`--${name} takes a whole number (got ${String(value)})`);
  const dir = mkdtempSync(join(tmpdir(), 'instructions-bench-'));
  const { path: configPath, apiKey } = createGatewayConfig(dir);
  const emulator = await ServerProcess.start(
    emulatorSpec({
      port: await freePort(),
      runtime: 'dist',
      workDir: dir,
      label: 'instructions',
      latencyMs: 0,
    }),
  );
  const rows: string[] = [];
  try {
    for (const target of targets) {
      console.error(`measuring ${target} under callgrind…`);
      const counts = await measure(target, emulator.url, { dir, configPath, apiKey }, settings);
      const main = counts.map((count) => count.mainThread);
      const all = counts.map((count) => count.allThreads);
      rows.push(`| ${target} | ${main.map(millions).join(' / ')} | ${all.map(millions).join(' / ')} |`);
    }
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    [
      `Instructions per blocking chat request (millions; ${settings.requests} requests ` +
        `${settings.concurrency > 1 ? `${settings.concurrency} at a time` : 'sequential'} after ` +
        `${settings.warmup} unmeasured, ${settings.repeats} repeats shown side by side):`,
      '',
      '| server | main thread | all threads |',
      '|---|---:|---:|',
      ...rows,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
