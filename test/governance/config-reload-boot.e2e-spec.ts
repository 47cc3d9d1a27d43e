import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createTestDatabase, findPostgresTestUrl } from '../../libs/usage/src/testing/postgres-test-target';
import { StallingProxy } from '../../libs/usage/src/testing/stalling-proxy';
import {
  ensureBuiltGateway,
  spawnBuiltGateway,
  waitUntilReady,
  type GatewayProcess,
} from '../health/support/built-gateway';
import { postJson } from '../support/gateway-harness';
import { bearer, writeGatewayConfig, type GatewayConfigFile } from './support/governance-fixture';

const url = findPostgresTestUrl('SIGHUP while the gateway boots');

interface ConfigDocument {
  tenants: { keys: { id: string; revoked?: boolean }[] }[];
}

/**
 * A SIGHUP that reaches an instance while it boots (an operator signalling every instance of a fleet
 * during a rolling restart) neither kills it, which Node's default for SIGHUP did before the reload's
 * listener existed, nor is lost: the file is read again once the app is up. The built gateway boots on a
 * PostgreSQL ledger behind a proxy that holds its first connection, so the signal surely lands during
 * the boot; the proxy lets it through right after. A database of its own, dropped at the end.
 */
(url === null ? describe.skip : describe)('SIGHUP while the gateway boots', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let proxy: StallingProxy | undefined;
  let config: GatewayConfigFile;
  let dataDir: string;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    ensureBuiltGateway();
    database = await createTestDatabase(url as string);
    proxy = await StallingProxy.inFrontOf(database.url);
    config = writeGatewayConfig([{ id: 'search', keys: [{ id: 'old' }, { id: 'new' }] }]);
    dataDir = mkdtempSync(join(tmpdir(), 'gateway-boot-hup-'));
  }, 120_000);

  afterAll(async () => {
    try {
      proxy?.resume();
      if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) {
        gateway.child.kill('SIGKILL');
        await gateway.exited;
      }
      await proxy?.close();
      config.remove();
      rmSync(dataDir, { recursive: true, force: true });
    } finally {
      await database?.drop();
    }
  }, 30_000);

  it('survives it, and puts the file read again in force once booted', async () => {
    // Arrange: the boot waits on its first PostgreSQL connection (the migration), after reading the file
    proxy!.stall();
    gateway = await spawnBuiltGateway({
      GATEWAY_CONFIG: config.path,
      DATABASE_URL: proxy!.through(database!.url),
      USAGE_SQLITE_PATH: join(dataDir, 'usage.db'),
      SHUTDOWN_DRAIN_DELAY_MS: '0',
    });
    let exited = false;
    void gateway.exited.then(() => (exited = true));
    while (proxy!.accepted === 0 && !exited) await new Promise((resolve) => setTimeout(resolve, 10));
    const document = parse(readFileSync(config.path, 'utf8')) as ConfigDocument;
    document.tenants[0]!.keys[0]!.revoked = true;
    writeFileSync(config.path, stringify(document));

    // Act
    gateway.child.kill('SIGHUP');
    proxy!.resume();
    await waitUntilReady(gateway);
    const chat = { model: 'claude-3-haiku', message: 'Hello there', max_tokens: 20 };
    const revoked = await postJson(`${gateway.url}/bedrock/chat`, chat, bearer(config.key('old')));
    const kept = await postJson(`${gateway.url}/bedrock/chat`, chat, bearer(config.key('new')));
    gateway.child.kill('SIGTERM');
    const exit = await gateway.exited;

    // Assert
    expect(revoked.status).toBe(401);
    expect(kept.status).toBe(200);
    expect(gateway.output()).toContain('SIGHUP came while booting: reading the config file again');
    expect(exit).toEqual({ code: 0, signal: null });
  }, 60_000);
});

/**
 * From the app's bootstrap on, the reload's own listener takes a SIGHUP: the boot then still waits on its
 * first Bedrock check (up to 3 s when Bedrock does not answer), and a signal there must read the file
 * once, not once more when the app is up. Bedrock here is a socket that never answers, so the boot holds
 * in that check while the signal lands.
 */
describe('SIGHUP while the boot checks Bedrock', () => {
  let silent: Server;
  const held: Socket[] = [];
  let config: GatewayConfigFile;
  let dataDir: string;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    ensureBuiltGateway();
    silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    config = writeGatewayConfig([{ id: 'search', keys: [{ id: 'old' }] }]);
    dataDir = mkdtempSync(join(tmpdir(), 'gateway-boot-hup-'));
  }, 120_000);

  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) {
      gateway.child.kill('SIGKILL');
      await gateway.exited;
    }
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    config.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the file once', async () => {
    // Arrange: the boot waits on Bedrock's first check
    const { port } = silent.address() as { port: number };
    gateway = await spawnBuiltGateway({
      GATEWAY_CONFIG: config.path,
      BEDROCK_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      USAGE_SQLITE_PATH: join(dataDir, 'usage.db'),
      SHUTDOWN_DRAIN_DELAY_MS: '0',
    });
    let exited = false;
    void gateway.exited.then(() => (exited = true));
    while (held.length === 0 && !exited) await new Promise((resolve) => setTimeout(resolve, 10));

    // Act
    gateway.child.kill('SIGHUP');
    while (!gateway.output().includes('listening on') && !exited)
      await new Promise((resolve) => setTimeout(resolve, 10));
    gateway.child.kill('SIGTERM');
    const exit = await gateway.exited;

    // Assert
    const reloads = gateway.output().match(/"msg":"reloaded /g) ?? [];
    expect(reloads).toHaveLength(1);
    expect(gateway.output()).not.toContain('SIGHUP came while booting');
    expect(exit).toEqual({ code: 0, signal: null });
  }, 60_000);
});
