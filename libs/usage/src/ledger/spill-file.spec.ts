import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPILL_LOCK_STALE_MS, SpillFile } from './spill-file';

// One owner per spill file: two gateways on one data folder would rename and delete it under each other.
describe('SpillFile ownership', () => {
  let dir: string;
  let path: string;
  const files: SpillFile[] = [];
  const open = () => {
    const file = new SpillFile(path, 1024 ** 2);
    files.push(file);
    return file;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spill-file-'));
    path = join(dir, 'usage-spill.ndjson');
  });
  afterEach(() => {
    for (const file of files.splice(0)) file.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second owner while the first holds the file, naming the file', () => {
    open();

    expect(() => open()).toThrow(`Another process holds the usage spill file ${path}`);
  });

  it('passes to a new owner once released, and releasing twice is harmless', () => {
    const first = open();
    first.release();
    first.release();

    expect(() => open()).not.toThrow();
  });

  it("takes over the lock of a process that stopped refreshing it (a crash's)", () => {
    // Arrange: a lock folder last refreshed well before the stale limit
    mkdirSync(`${path}.lock`);
    const past = new Date(Date.now() - SPILL_LOCK_STALE_MS * 3);
    utimesSync(`${path}.lock`, past, past);

    expect(() => open()).not.toThrow();
  });

  it('reports a lock it lost (its folder removed behind its back) at its next refresh', async () => {
    // Arrange
    const lost: Error[] = [];
    const file = new SpillFile(path, 1024 ** 2, (error) => lost.push(error));
    files.push(file);
    // Act
    rmSync(`${path}.lock`, { recursive: true });
    const until = Date.now() + SPILL_LOCK_STALE_MS;
    while (lost.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    // Assert
    expect(lost).toHaveLength(1);
  }, 15_000);
});
