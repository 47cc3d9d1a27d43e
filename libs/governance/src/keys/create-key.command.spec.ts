import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGovernanceConfig } from '../config/load-governance-config';
import { hashApiKey } from './api-key';
import { KeyRing } from './key-ring';

const ROOT = join(__dirname, '../../../..');

function createKey(...args: string[]) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/create-key.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same run as createKey, as a child process that runs alongside others. */
function createKeyAsync(
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/create-key.ts', ...args], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('scripts/create-key.ts', () => {
  let directory: string;
  let file: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'create-key-'));
    file = join(directory, 'gateway.yaml');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('prints the key once, stores only its hash, keeps comments and authenticates afterwards', () => {
    // Arrange
    writeFileSync(file, '# team config\ntenants:\n  - id: search # search team\n    keys: []\n');

    // Act
    const run = createKey('--config', file, '--tenant', 'search', '--role', 'admin', '--key-id', 'ops');

    // Assert
    expect(run.status).toBe(0);
    const key = run.stdout.trim();
    expect(key).toMatch(/^bgw_[A-Za-z0-9_-]{43}$/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(key);
    expect(run.stderr).not.toContain(key);
    expect(text).toContain('# team config');
    expect(text).toContain('# search team');
    const principal = new KeyRing(loadGovernanceConfig(file)).authenticate(key);
    expect(principal).toMatchObject({ keyId: 'ops', role: 'admin', tenant: { id: 'search' } });
  }, 20_000);

  it('keeps the permissions of an existing file, and makes a new one readable by its owner only', () => {
    // Arrange: a config the gateway's user reads through its group
    writeFileSync(file, 'tenants:\n  - id: search\n    keys: []\n');
    chmodSync(file, 0o640);
    const created = join(directory, 'new.yaml');

    // Act
    const existing = createKey('--config', file, '--tenant', 'search');
    const fresh = createKey('--config', created, '--tenant', 'new-team', '--create-tenant');

    // Assert
    expect([existing.status, fresh.status]).toEqual([0, 0]);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(statSync(created).mode & 0o777).toBe(0o600);
  }, 20_000);

  // Only root may give a file away: elsewhere the file stays the user's own, which is all they can read.
  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot(
    'keeps the owner of an existing file when run as root (the gateway runs as another user)',
    () => {
      // Arrange
      writeFileSync(file, 'tenants:\n  - id: search\n    keys: []\n');
      chownSync(file, 65534, 65534);

      // Act
      const run = createKey('--config', file, '--tenant', 'search');

      // Assert
      expect(run.status).toBe(0);
      expect([statSync(file).uid, statSync(file).gid]).toEqual([65534, 65534]);
    },
    20_000,
  );

  it('keeps every key when several runs change the same config at once', async () => {
    // Arrange
    writeFileSync(file, 'tenants:\n  - id: search\n    keys: []\n');
    const ids = Array.from({ length: 8 }, (_, index) => `parallel-${index}`);

    // Act
    const runs = await Promise.all(
      ids.map((id) => createKeyAsync('--config', file, '--tenant', 'search', '--key-id', id)),
    );

    // Assert
    expect(runs.map((run) => run.status)).toEqual(ids.map(() => 0));
    const config = loadGovernanceConfig(file);
    const stored = config.tenants.flatMap((tenant) => tenant.keys.map((key) => key.id));
    expect([...stored].sort()).toEqual([...ids].sort());
    const text = readFileSync(file, 'utf8');
    for (const run of runs) expect(text).toContain(hashApiKey(run.stdout.trim()));
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);

  it('writes the key into the file a symlinked config points to, keeping the link and the mode', () => {
    // Arrange: the config lives in another folder; the path passed is a link to it
    mkdirSync(join(directory, 'real'));
    const real = join(directory, 'real', 'gateway.yaml');
    writeFileSync(real, '# shared\ntenants:\n  - id: search\n    keys: []\n');
    chmodSync(real, 0o640);
    symlinkSync(join('real', 'gateway.yaml'), file);

    // Act
    const run = createKey('--config', file, '--tenant', 'search', '--key-id', 'through-link');

    // Assert
    expect(run.status).toBe(0);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain(hashApiKey(run.stdout.trim()));
    expect(readFileSync(real, 'utf8')).toContain('# shared');
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(new KeyRing(loadGovernanceConfig(file)).authenticate(run.stdout.trim())?.keyId).toBe(
      'through-link',
    );
  }, 20_000);

  it('creates a new config at the target of a dangling symlink', () => {
    // Arrange
    mkdirSync(join(directory, 'real'));
    const real = join(directory, 'real', 'gateway.yaml');
    symlinkSync(real, file);

    // Act
    const run = createKey('--config', file, '--tenant', 'new-team', '--create-tenant');

    // Assert
    expect(run.status).toBe(0);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain(hashApiKey(run.stdout.trim()));
    expect(statSync(real).mode & 0o777).toBe(0o600);
  }, 20_000);

  it('creates the file and the tenant with --create-tenant, and refuses an unknown tenant without it', () => {
    // Act
    const created = createKey('--config', file, '--tenant', 'new-team', '--create-tenant');
    const refused = createKey('--config', file, '--tenant', 'other');

    // Assert
    expect(created.status).toBe(0);
    expect(new KeyRing(loadGovernanceConfig(file)).authenticate(created.stdout.trim())?.role).toBe('user');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('no tenant with id other');
    expect(refused.stdout).toBe('');
  }, 20_000);

  it('refuses to touch an invalid config, naming the line', () => {
    // Arrange
    writeFileSync(file, 'tenants:\n  - id: search\n    pii: { mode: maybe }\n');

    // Act
    const run = createKey('--config', file, '--tenant', 'search');

    // Assert
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/gateway\.yaml:3:\d+ tenants\[0\]\.pii\.mode/);
    expect(readFileSync(file, 'utf8')).toBe('tenants:\n  - id: search\n    pii: { mode: maybe }\n');
  }, 20_000);

  it('answers --help with the usage, and says which argument is wrong', () => {
    // Act
    const help = createKey('--help');
    const noConfig = createKey('--tenant', 'search');
    const badRole = createKey('--config', file, '--tenant', 'search', '--role', 'root');
    const folder = createKey('--config', directory, '--tenant', 'search');

    // Assert
    expect([help.status, help.stdout]).toEqual([0, expect.stringMatching(/^usage: create-key --config/)]);
    expect([noConfig.status, noConfig.stderr.split('\n')[0]]).toEqual([2, '--config is required']);
    expect([badRole.status, badRole.stderr.split('\n')[0]]).toEqual([
      2,
      '--role must be admin or user, not "root"',
    ]);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain('is a folder');
    expect(existsSync(file)).toBe(false);
  }, 20_000);

  it('refuses a tenant id the config would not accept without pointing into a file it never wrote', () => {
    // Arrange
    writeFileSync(file, 'tenants:\n  - id: search\n    keys: []\n');

    // Act
    const run = createKey('--config', file, '--tenant', 'bad tenant!', '--create-tenant');

    // Assert
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /is left unchanged: with the new key it would not be valid \(tenants\[1\]\.id: /,
    );
    expect(run.stderr).not.toMatch(/gateway\.yaml:\d+:\d+|GATEWAY_CONFIG/);
    expect(readFileSync(file, 'utf8')).toBe('tenants:\n  - id: search\n    keys: []\n');
  }, 20_000);
});
