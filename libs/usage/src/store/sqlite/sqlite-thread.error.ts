/** The SQLite error a statement of a SqliteThread failed with, carried across the thread boundary. */
export class SqliteThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteThreadError';
  }
}
