import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUsageStoreContract } from '../contract/usage-store.contract';
import { SqliteUsageStore } from './sqlite-usage.store';

describe('SqliteUsageStore', () => {
  describeUsageStoreContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-sqlite-'));
    const store = new SqliteUsageStore({ path: join(dir, 'nested', 'usage.db'), purgeChunkSize: 2 });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});
