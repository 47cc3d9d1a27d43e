import { z } from 'zod';
import { BEDROCK_OPERATIONS } from '../routes/operation.types';

export const FAULT_KINDS = [
  'latency',
  'throttle',
  'internal',
  'unavailable',
  'not-ready',
  'model-timeout',
  'access-denied',
  'error',
  'stream-error',
  'stream-abort',
  'stream-truncate',
  'stream-end',
  'stall',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * An AWS error name (`ThrottlingException`, or `throttlingException` as an event type). It ends up in the
 * `x-amzn-errortype` header and as a lookup key, so anything else (`__proto__`, CR/LF, non-ASCII) is refused.
 */
export const errorTypeSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,127}$/, 'must be an AWS error name (letters and digits, at most 128)');

/** Kinds that only make sense once a stream has started; other operations ignore them. */
export const STREAM_FAULT_KINDS: ReadonlySet<FaultKind> = new Set([
  'stream-error',
  'stream-abort',
  'stream-truncate',
  'stream-end',
]);

/**
 * A fault rule, as given in emulator options, to `POST /_emulator/faults`, or parsed from the
 * `x-bedrock-local-fault` header. Matching fields are ANDed; an absent field matches anything.
 */
export const faultRuleSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    /** Operation name(s), e.g. `InvokeModel`: one of the emulator's, spelt as in the AWS service models. */
    operation: z
      .union([z.enum(BEDROCK_OPERATIONS), z.array(z.enum(BEDROCK_OPERATIONS))], {
        errorMap: (_issue, context) => ({
          message: `expected one of ${BEDROCK_OPERATIONS.join(', ')} (or a list of them), received ${JSON.stringify(context.data)}`,
        }),
      })
      .optional(),
    /** Matches the id as sent, the resolved foundation-model id, or the catalog alias. */
    modelId: z.string().optional(),
    /** Case-sensitive substring of the prompt text. */
    prompt: z.string().optional(),
    /** Fire on the first N matching requests only (per `amz-sdk-invocation-id` for header rules). */
    times: z.number().int().min(1).optional(),
    /** Fire on this fraction of matching requests, deterministically (the 1st, then evenly spread). */
    rate: z.number().min(0).max(1).optional(),
    /** `latency`: delay before answering. */
    latencyMs: z.number().int().min(0).optional(),
    /** `latency`: delay before each stream chunk after the first. */
    chunkLatencyMs: z.number().int().min(0).optional(),
    /** Stream faults: how many chunks/events are delivered before the failure. */
    afterChunks: z.number().int().min(0).optional(),
    /** `error`: the AWS error name; `stream-error`: the exception event type (e.g. `throttlingException`). */
    errorType: errorTypeSchema.optional(),
    /** `error`: HTTP status (defaults from the error name). */
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().optional(),
  })
  .strict();

export type FaultRule = z.infer<typeof faultRuleSchema>;

/** Accepts one rule, an array, or `{ "faults": [...] }`; throws a readable message on bad input. */
export function parseFaultRules(input: unknown): FaultRule[] {
  const list = Array.isArray(input)
    ? input
    : typeof input === 'object' && input !== null && 'faults' in input
      ? input.faults
      : [input];
  const parsed = z.array(faultRuleSchema).safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid fault rule at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}
