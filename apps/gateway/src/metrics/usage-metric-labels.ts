import type { UsageEvent } from '@app/bedrock';

export const USAGE_LABELS = ['model', 'family', 'route', 'status'] as const;

export type UsageLabels = Record<(typeof USAGE_LABELS)[number], string>;

/**
 * Bounded label values: `model` is the normalised model id (a catalog id or a configured ARN: calls
 * with any other model fail resolution and carry none), `route` the route pattern, never the raw URL.
 */
export function usageLabels(event: UsageEvent): UsageLabels {
  return {
    model: event.modelId ?? 'none',
    family: event.family ?? 'none',
    route: event.route,
    status: event.status,
  };
}
