import type { Pool } from 'pg';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres.migrations';

/**
 * Applies pending migrations in one transaction under an advisory lock, so instances booting together
 * serialise and each version is applied once. Each step has the pool's bounds (opening a connection,
 * `statement_timeout`, the wait for an answer), so a server that stops answering fails the boot.
 */
export async function migratePostgres(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`usage-ledger:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS usage_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await client.query<{ version: number }>('SELECT version FROM usage_schema_migrations');
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of POSTGRES_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql).catch((error: unknown) => {
        // The migration's own lock_timeout (55P03): a session holds the table, and a later start will do.
        if ((error as { code?: unknown }).code !== '55P03') throw error;
        throw new MigrationLockedError(migration, error);
      });
      await client.query('INSERT INTO usage_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    // The connection is closed, not rolled back: that ends the transaction too, and a ROLLBACK sent to
    // a server that stopped answering would wait out the statement bound a second time.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/** A migration gave up waiting for its table's lock (`lock_timeout`) rather than hold every write behind it. */
export class MigrationLockedError extends Error {
  constructor(migration: PostgresMigration, cause: unknown) {
    super(
      `migration ${migration.version} (${migration.name}) found the usage table locked by another session (a running report?) and gave up rather than hold every write behind it; start again once it is free`,
      { cause },
    );
    this.name = 'MigrationLockedError';
  }
}
