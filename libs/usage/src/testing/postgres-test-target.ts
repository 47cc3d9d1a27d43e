import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Candidate servers, in order: an explicit URL, then the local trust-auth users `root` and `postgres`. */
export const POSTGRES_TEST_URLS = [
  process.env.USAGE_TEST_DATABASE_URL,
  'postgres://root@127.0.0.1:5432/test',
  'postgres://postgres@127.0.0.1:5432/test',
].filter((url): url is string => url !== undefined && url !== '');

const PROBE = `
const { Client } = require('pg');
(async () => {
  for (const url of JSON.parse(process.argv[1])) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try { await client.connect(); await client.query('SELECT 1'); await client.end(); process.stdout.write(url); return; }
    catch { await client.end().catch(() => undefined); }
  }
})();`;

/**
 * The first URL that answers, found synchronously (jest decides describe vs describe.skip at load time).
 * With CI=true a missing server is an error; elsewhere the suite is skipped with a visible warning.
 */
export function findPostgresTestUrl(suite: string): string | null {
  const probe = spawnSync(process.execPath, ['-e', PROBE, JSON.stringify(POSTGRES_TEST_URLS)], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  const url = probe.stdout.trim();
  if (url !== '') return url;
  const message = `${suite}: no PostgreSQL answers at ${POSTGRES_TEST_URLS.join(' or ')}`;
  if (process.env.CI === 'true') throw new Error(`${message} (required when CI=true)`);
  console.warn(`${message}; SKIPPING the PostgreSQL run (set CI=true to make it mandatory).`);
  return null;
}

/** A schema name no parallel run shares. */
export function uniqueSchema(): string {
  return `usage_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own on the server at `url`, for a test that runs a whole gateway (whose ledger uses
 * the `public` schema): its URL, and `drop` to remove it with whatever is still connected.
 */
export async function createTestDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gateway_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const database = new URL(url);
  database.pathname = `/${name}`;
  return { url: database.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
