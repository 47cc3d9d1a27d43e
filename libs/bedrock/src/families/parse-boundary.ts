import type { z } from 'zod/v4';
import type { ModelFamily } from '../catalog/catalog.types';
import { ModelResponseShapeError } from './model-response-shape.error';

/**
 * Validates an untrusted Bedrock body or chunk against a family's schema, at the boundary.
 * Unknown extra fields are allowed (Bedrock adds fields over time); missing or mistyped ones throw.
 */
export function parseBoundary<Schema extends z.ZodTypeAny>(
  schema: Schema,
  value: unknown,
  family: ModelFamily,
  part: 'response' | 'stream chunk',
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
    );
    throw new ModelResponseShapeError(family, part, issues);
  }
  return result.data;
}
