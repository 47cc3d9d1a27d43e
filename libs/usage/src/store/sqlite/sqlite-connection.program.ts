/**
 * What every connection of the SQLite store runs, as plain JavaScript source: a function of an open
 * better-sqlite3 connection that registers the store's SQL functions on it and returns the handler of
 * its requests (sqlite-connection.ts). The same source runs on a worker thread (SqliteThread, handed to
 * the Worker as source, so it runs the same from the sources and from the webpack bundle) and on the
 * main thread (InlineSqliteConnection: `:memory:`, inline options), so both answer alike.
 *
 * `latency_percentiles(x)` is an aggregate returning `[p50, p95, p99]` as JSON: continuous percentiles
 * with linear interpolation between the closest ranks, the definition of PostgreSQL's `percentile_cont`.
 * Over n ascending values v[0..n-1], rank r = p·(n−1); result = v[⌊r⌋] + (v[⌈r⌉] − v[⌊r⌋])·(r − ⌊r⌋);
 * null for an empty set. One pass per group, one sort per group.
 *
 * Requests: `rows` runs one statement per row in one transaction (the changes), `run` one statement
 * (the changes), `read` SELECTs in one read transaction, so they see the same snapshot (an array: each
 * statement's rows, or its first row when `first`), `sync` nothing (answered after what was sent before).
 */
export const SQLITE_CONNECTION_PROGRAM = `(db) => {
  const percentileCont = (sorted, fraction) => {
    if (sorted.length === 0) return null;
    const rank = fraction * (sorted.length - 1);
    const lower = Math.floor(rank);
    const low = sorted[lower];
    return low + (sorted[Math.ceil(rank)] - low) * (rank - lower);
  };
  db.aggregate('latency_percentiles', {
    start: () => [],
    step: (values, value) => {
      if (typeof value === 'number') values.push(value);
    },
    result: (values) => {
      const sorted = Float64Array.from(values).sort();
      return JSON.stringify([0.5, 0.95, 0.99].map((fraction) => percentileCont(sorted, fraction)));
    },
  });
  const statements = new Map();
  const prepared = (sql) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const insertRows = db.transaction((statement, rows) => {
    let changes = 0;
    for (const row of rows) changes += statement.run(row).changes;
    return changes;
  });
  const read = db.transaction((queries) =>
    queries.map((query) => (query.first ? prepared(query.sql).get(query.params) : prepared(query.sql).all(query.params))),
  );
  return (request) => {
    switch (request.op) {
      case 'rows': return insertRows(prepared(request.sql), request.rows);
      case 'run': return prepared(request.sql).run(request.params).changes;
      case 'read': return read(request.statements);
      case 'sync': return 0;
      default: throw new Error('unknown SQLite request ' + request.op);
    }
  };
}`;
