/** A query the store refuses (bad cursor, limit out of range, inverted time range). Maps to a 400. */
export class UsageQueryError extends Error {
  readonly code = 'validation_error';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'UsageQueryError';
  }

  /** The API envelope's `details`, naming the field like the DTO validation errors do. */
  get details(): { field: string; issue: string }[] {
    return [{ field: this.field, issue: this.message }];
  }
}
