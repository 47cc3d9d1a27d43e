import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuiltGateway, runBuiltGateway } from '../health/support/built-gateway';

// Node's process warnings are log lines like any other: nothing on stderr, one JSON line each on stdout.
describe('the built gateway and process warnings', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuiltGateway();
    dir = mkdtempSync(join(tmpdir(), 'process-warnings-'));
    // Preloaded into the gateway: a deprecation warning of several lines on SIGUSR2, once it runs.
    writeFileSync(
      join(dir, 'warn-on-usr2.js'),
      "process.on('SIGUSR2', () => process.emitWarning('first line\\nsecond line', 'DeprecationWarning', 'DEP0999'));\n",
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs each warning as one JSON line and writes nothing on stderr', async () => {
    // Arrange
    const gateway = await runBuiltGateway({
      USAGE_SQLITE_PATH: join(dir, 'usage.db'),
      NODE_OPTIONS: `--require ${join(dir, 'warn-on-usr2.js')}`,
    });
    // Act
    gateway.child.kill('SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 200));
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    // Assert
    expect(gateway.errors()).toBe('');
    const lines = gateway
      .output()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; warning?: Record<string, unknown> });
    const warnings = lines.filter((line) => line.msg === 'process warning').map((line) => line.warning);
    expect(warnings).toContainEqual({
      name: 'DeprecationWarning',
      code: 'DEP0999',
      message: 'first line\nsecond line',
    });
    // The AWS SDK's notice to Node 20 (its releases after January 2027 need Node 22) is one of them.
    if (Number(process.versions.node.split('.')[0]) < 22)
      expect(warnings).toContainEqual(
        expect.objectContaining({ message: expect.stringMatching(/^NodeVersionSupportWarning/) }),
      );
  }, 60_000);
});
