import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGatewayConfig, type GatewayConfigFile } from '../governance/support/governance-fixture';
import { GATEWAY_BUNDLE, ensureBuiltGateway } from '../health/support/built-gateway';

// A configuration mistake stops the built gateway at once: exit code 1 and one line naming the variable.
describe('the built gateway with a bad configuration', () => {
  let keyless: GatewayConfigFile;
  let brokenDir: string;
  beforeAll(() => {
    ensureBuiltGateway();
    keyless = writeGatewayConfig([{ id: 'search' }]);
    brokenDir = mkdtempSync(join(tmpdir(), 'broken-config-'));
    writeFileSync(join(brokenDir, 'gateway.yaml'), 'version: 1\ntenants: [{ id: search, keys: 3 }]\n');
  }, 120_000);
  afterAll(() => {
    keyless.remove();
    rmSync(brokenDir, { recursive: true, force: true });
  });

  const boot = (env: Record<string, string>) =>
    spawnSync(process.execPath, [GATEWAY_BUNDLE], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it.each([
    [
      'production without GATEWAY_CONFIG',
      { NODE_ENV: 'production', BEDROCK_BACKEND: 'local' },
      /^GATEWAY_CONFIG is required in production/,
    ],
    [
      'production without BEDROCK_BACKEND',
      { NODE_ENV: 'production' },
      /^BEDROCK_BACKEND: must be set in production/,
    ],
    [
      'an unknown DEFAULT_MODEL',
      { DEFAULT_MODEL: 'claude-3-haiku-typo' },
      /^DEFAULT_MODEL: "claude-3-haiku-typo" is not a known model/,
    ],
    [
      'an unknown DEFAULT_KNOWLEDGE_BASE',
      { DEFAULT_KNOWLEDGE_BASE: 'genral' },
      /^DEFAULT_KNOWLEDGE_BASE: "genral" is not in KNOWLEDGE_BASES/,
    ],
  ])('stops on %s with exit 1 and one line', (_, env, line) => {
    // Act
    const result = boot(env);
    // Assert
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
  });

  it('stops on a BEDROCK_LOCAL_KB_DIR that is not a folder, naming the variable', () => {
    // Arrange
    const missing = join(brokenDir, 'no-such-folder');
    // Act
    const result = boot({ BEDROCK_LOCAL_KB_DIR: missing });
    // Assert
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`BEDROCK_LOCAL_KB_DIR: ${missing} is not a folder\n`);
  });

  it('stops on a bad file in BEDROCK_LOCAL_KB_DIR, naming the variable and the file, without a stack', () => {
    // Arrange: a document whose front matter repeats a key (line 3 of the file)
    const kbDir = join(brokenDir, 'knowledge-bases');
    mkdirSync(join(kbDir, 'handbook'), { recursive: true });
    const document = join(kbDir, 'handbook', 'leave.md');
    writeFileSync(document, '---\ntitle: Leave\ntitle: Holidays\n---\n# Leave\nStaff take 25 days.\n');
    // Act
    const result = boot({ BEDROCK_LOCAL_KB_DIR: kbDir });
    // Assert
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `BEDROCK_LOCAL_KB_DIR: ${document}: invalid YAML front matter at line 3, column 1: Map keys must be unique\n`,
    );
  });

  it('stops on a production config file without any key, naming the file', () => {
    // Act
    const result = boot({ NODE_ENV: 'production', BEDROCK_BACKEND: 'local', GATEWAY_CONFIG: keyless.path });
    // Assert
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `GATEWAY_CONFIG: ${keyless.path} defines no API key; production requires keys (create one with npm run keys:create).`,
    ]);
  });

  it('stops on a config file that does not validate, naming its line and field, without a stack trace', () => {
    // Act
    const result = boot({ GATEWAY_CONFIG: join(brokenDir, 'gateway.yaml') });
    // Assert
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid gateway config/);
    expect(result.stderr).toMatch(/gateway.yaml:2:\d+ tenants\[0\].keys: /);
    expect(result.stderr).not.toMatch(/\s+at /);
  });

  it.each([
    [
      'a DATABASE_URL nothing answers on',
      { DATABASE_URL: 'postgres://root@127.0.0.1:1/usage' },
      /^DATABASE_URL: cannot open the usage ledger: connect ECONNREFUSED 127\.0\.0\.1:1$/,
    ],
    [
      'a REDIS_URL nothing answers on',
      { REDIS_URL: 'redis://127.0.0.1:1/0' },
      /^REDIS_URL: cannot connect to Redis at 127\.0\.0\.1:1: /,
    ],
    [
      'a USAGE_SQLITE_PATH under a file',
      { USAGE_SQLITE_PATH: join(__filename, 'usage.db') },
      /^USAGE_SQLITE_PATH \(.+\): cannot open the usage ledger: EEXIST/,
    ],
  ])('stops on %s with one plain line on stderr and JSON logs on stdout, no stack', (_, env, line) => {
    // Act
    const result = boot(env);
    // Assert
    expect(result.status).toBe(1);
    const stderr = result.stderr.split('\n').filter((text) => text !== '' && !isSdkNodeWarning(text));
    expect(stderr).toEqual([expect.stringMatching(line)]);
    const stdout = result.stdout.trimEnd().split('\n');
    expect(stdout.every((text) => text.startsWith('{'))).toBe(true);
    expect(JSON.parse(stdout.at(-1)!)).toMatchObject({ level: 50, context: 'ExceptionHandler' });
  });

  it('stops on a DATABASE_URL that accepts connections and never answers (a paused PostgreSQL), naming it', async () => {
    // Arrange: a server that takes connections and says nothing; the kernel accepts them while spawnSync
    // blocks this process
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      // Act
      const result = boot({ DATABASE_URL: `postgres://root:s3cret@127.0.0.1:${port}/usage` });
      // Assert: after the 5 s connection bound, not never
      expect(result.status).toBe(1);
      const stderr = result.stderr.split('\n').filter((text) => text !== '' && !isSdkNodeWarning(text));
      expect(stderr).toEqual([
        `DATABASE_URL: cannot open the usage ledger: PostgreSQL at 127.0.0.1:${port} did not answer within 5000 ms of connecting (timeout expired)`,
      ]);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/** The AWS SDK's NodeVersionSupportWarning (several lines on stderr at every start on Node 20). */
function isSdkNodeWarning(text: string): boolean {
  return /NodeVersionSupportWarning|versions published after|will require node|To continue receiving|security updates please|More information can be found|node --trace-warnings/.test(
    text,
  );
}
