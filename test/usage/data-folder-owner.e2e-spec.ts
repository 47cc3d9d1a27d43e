import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuiltGateway, runBuiltGateway, type GatewayProcess } from '../health/support/built-gateway';

// Two gateways on one data folder would share the usage spill file and lose records during an outage
// of the store: the second one refuses to boot, and the folder passes on once the first has stopped.
describe('one gateway per data folder (built gateway, child processes)', () => {
  let dir: string;
  const running: GatewayProcess[] = [];
  const start = () =>
    runBuiltGateway({
      NODE_ENV: 'test',
      BEDROCK_BACKEND: 'local',
      USAGE_SQLITE_PATH: join(dir, 'usage.db'),
      SHUTDOWN_DRAIN_DELAY_MS: '0',
    }).then((gateway) => (running.push(gateway), gateway));

  beforeAll(() => {
    ensureBuiltGateway();
    dir = mkdtempSync(join(tmpdir(), 'gateway-folder-'));
  });
  afterAll(() => {
    for (const gateway of running) if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second gateway on the same folder, naming it, and admits one after the first stops', async () => {
    // Arrange
    const first = await start();
    // Act
    const second = start();
    // Assert
    await expect(second).rejects.toThrow(/Another process holds the usage spill file .*gateway-folder-/);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const third = await start();
    expect((await fetch(`${third.url}/health/ready`)).status).toBe(200);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
  }, 60_000);

  it('stops gracefully when its lock is taken from it, so that its supervisor starts it again', async () => {
    // Arrange
    const gateway = await start();
    // Act: the lock folder disappears (a stray signal's cleanup, an operator's rm)
    rmSync(join(dir, 'usage-spill.ndjson.lock'), { recursive: true, force: true });
    // Assert: within its next refresh (5 s) it drains and exits, with 1 for supervisors that restart failures
    const exit = await Promise.race([
      gateway.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
    ]);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(gateway.output()).toContain('Lost the lock on the spill file');
  }, 60_000);

  it('finishes a graceful stop already under way when it loses its lock meanwhile', async () => {
    // Arrange: a stop whose drain lasts longer than the lock's refresh (5 s)
    const gateway = await runBuiltGateway({
      NODE_ENV: 'test',
      BEDROCK_BACKEND: 'local',
      USAGE_SQLITE_PATH: join(dir, 'usage.db'),
      SHUTDOWN_DRAIN_DELAY_MS: '7000',
      SHUTDOWN_GRACE_MS: '9000',
    });
    running.push(gateway);
    // Act
    gateway.child.kill('SIGTERM');
    rmSync(join(dir, 'usage-spill.ndjson.lock'), { recursive: true, force: true });
    // Assert: the stop it had begun ends as a SIGTERM's does, not at once as a second signal would
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(gateway.output()).toContain('Lost the lock on the spill file');
    expect(gateway.output()).not.toContain('again: exiting without waiting');
  }, 60_000);
});
