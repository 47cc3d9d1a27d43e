import type { Pool, PoolClient } from 'pg';

/**
 * Runs work on two connections that share one REPEATABLE READ snapshot (pg_export_snapshot), so two
 * queries run in parallel on the server yet see exactly the same rows. Pairs are acquired one at a
 * time: a caller never holds one connection while another holds the rest waiting for a second.
 */
export class PostgresSnapshotPair {
  private acquiring: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly settings: readonly string[],
  ) {}

  async run<T>(work: (first: PoolClient, second: PoolClient) => Promise<T>): Promise<T> {
    const pair = this.acquiring.then(() => Promise.all([this.pool.connect(), this.pool.connect()]));
    this.acquiring = pair.catch(() => undefined);
    const [first, second] = await pair;
    try {
      await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = await first.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      await second.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await second.query(`SET TRANSACTION SNAPSHOT '${snapshot.rows[0]?.id ?? ''}'`);
      for (const setting of this.settings) await Promise.all([first.query(setting), second.query(setting)]);
      const result = await work(first, second);
      await Promise.all([first.query('COMMIT'), second.query('COMMIT')]);
      return result;
    } catch (error) {
      await Promise.all([first.query('ROLLBACK'), second.query('ROLLBACK')]).catch(() => undefined);
      throw error;
    } finally {
      first.release();
      second.release();
    }
  }
}
