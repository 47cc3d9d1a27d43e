/**
 * A chat request that cannot be sent to the chosen model: no strategy speaks its native schema
 * (e.g. an embedding model), or the conversation has a form the family cannot express.
 * `code` is the gateway API error code the caller should answer with (shared/docs/API.md).
 */
export class FamilyRequestError extends Error {
  readonly code = 'validation_error' as const;

  constructor(message: string) {
    super(message);
    this.name = 'FamilyRequestError';
  }
}
