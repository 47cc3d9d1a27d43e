import { join } from 'node:path';
import { createTestDatabase, findPostgresTestUrl } from '../../libs/usage/src/testing/postgres-test-target';

/** A usage ledger for an e2e gateway: the environment that points the gateway at it, and how to drop it. */
export interface TestLedger {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Makes a ledger; SQLite keeps its file in `dir` when given (else the harness's own temporary file). */
export type MakeTestLedger = (dir?: string) => Promise<TestLedger>;

const sqlite: MakeTestLedger = async (dir) => {
  const env: Record<string, string> = dir === undefined ? {} : { USAGE_SQLITE_PATH: join(dir, 'usage.db') };
  return { env, drop: async () => undefined };
};

/**
 * The ledgers an e2e runs on, for `describe.each`: SQLite, and PostgreSQL in a database of its own when
 * one is reachable (`findPostgresTestUrl`: mandatory with CI=true; `purpose` names the skipped tests).
 */
export function testLedgers(purpose: string): [string, MakeTestLedger][] {
  const postgresUrl = findPostgresTestUrl(purpose);
  if (postgresUrl === null) return [['SQLite', sqlite]];
  const postgres: MakeTestLedger = async () => {
    const database = await createTestDatabase(postgresUrl);
    return { env: { DATABASE_URL: database.url }, drop: database.drop };
  };
  return [
    ['SQLite', sqlite],
    ['PostgreSQL', postgres],
  ];
}
