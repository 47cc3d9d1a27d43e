/**
 * What readiness shows of an error: its name (`AccessDeniedException`, `SqliteError`, `TimeoutError`),
 * or a plain Error's system or SQLite code (`ECONNREFUSED`, `SQLITE_READONLY`); never its message, which can name an account, a role,
 * a host or a user, while the probes answer anyone. The message goes to the log (`describeError`).
 */
export function errorName(error: unknown): string {
  // A driver's code says more than its class: SQLSTATE (`3D000`; pg's DatabaseError is named `error`),
  // SQLite's (`SQLITE_FULL`), Node's (`ECONNREFUSED`).
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9][A-Z0-9_]{2,40}$/.test(code)) return code;
  const name = error instanceof Error ? error.name : 'Error';
  const transport = name === 'Error' || name === 'AggregateError'; // Node's connect failures
  if (!transport) return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'Error';
  // A transport or SQLite failure with its code only in the message (`connect ECONNREFUSED 127.0.0.1:…`,
  // `SQLITE_READONLY: attempt to write a readonly database` from the writer thread).
  const text = error instanceof Error ? error.message : '';
  const fromText = /\b(E[A-Z]{2,}[A-Z_]*|SQLITE_[A-Z_]+)\b/.exec(text)?.[1];
  if (fromText !== undefined) return fromText;
  // A driver's own deadline, which it throws as a plain Error: ioredis's `Command timed out` (its
  // commandTimeout, 1 s, runs out just before the probe's), pg's `Query read timeout`. Named as the
  // probe's own deadline is, so `counters` and `usage_store` say the same of a server that stopped answering.
  return DRIVER_TIMEOUT.test(text) ? 'TimeoutError' : 'Error';
}

const DRIVER_TIMEOUT =
  /^(Command timed out|Query read timeout|timeout exceeded when trying to connect|Connection terminated due to connection timeout)$/;

/** The error's name and message, for the log, shortened. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error);
}
