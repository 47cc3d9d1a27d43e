import type { ModelFamily } from '../catalog/catalog.types';

/**
 * Bedrock answered with a body (or stream chunk) that does not have the family's native shape.
 * `code` is the gateway API error code the caller should answer with (shared/docs/API.md).
 */
export class ModelResponseShapeError extends Error {
  readonly code = 'upstream_error' as const;

  constructor(
    readonly family: ModelFamily,
    readonly part: 'response' | 'stream chunk',
    readonly issues: string[],
  ) {
    super(`Bedrock ${family} ${part} has an unexpected shape: ${issues.join('; ')}`);
    this.name = 'ModelResponseShapeError';
  }
}
