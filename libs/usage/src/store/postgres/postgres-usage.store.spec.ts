import { dropSchema, findPostgresTestUrl, uniqueSchema } from '../../testing/postgres-test-target';
import { describeUsageStoreContract } from '../contract/usage-store.contract';
import { PostgresUsageStore } from './postgres-usage.store';

const url = findPostgresTestUrl('PostgresUsageStore');

(url === null ? describe.skip : describe)('PostgresUsageStore', () => {
  describeUsageStoreContract(async () => {
    const connectionString = url as string;
    const schema = uniqueSchema();
    const store = new PostgresUsageStore({ connectionString, schema, purgeChunkSize: 2, poolSize: 2 });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await store.close();
        await dropSchema(connectionString, schema);
      },
    };
  });
});
