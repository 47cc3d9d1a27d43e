import { z } from 'zod';
import { errorTypeSchema } from '../faults/fault-rule';
import { TOOL_NAME } from '../tools/tool-request';

/**
 * A scripted response: when the prompt matches, answer with `text` (handed to the model behaviour as
 * `scriptedText`, so the native body shape stays right), call a tool with `toolUse`, fail with `error`,
 * and/or wait `latencyMs`. `toolUse` answers only where a tool call can (tools declared, Converse or a native
 * body that takes tools, the last message not a tool result); elsewhere the answer is `text`, or generated text without it.
 */
export const scriptRuleSchema = z
  .object({
    /** Case-sensitive substring of the prompt text. */
    prompt: z.string().min(1).optional(),
    /** JavaScript regular expression source, tested against the prompt text. */
    regex: z.string().min(1).optional(),
    /** Flags for `regex`, e.g. `i`. */
    flags: z
      .string()
      .regex(/^[dgimsuy]*$/)
      .optional(),
    /** Restricts the rule to a model (id as sent, foundation id or alias). */
    model: z.string().optional(),
    text: z.string().optional(),
    toolUse: z
      .object({
        name: z.string().regex(TOOL_NAME),
        input: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    error: z
      .object({
        type: errorTypeSchema,
        status: z.number().int().min(400).max(599).optional(),
        message: z.string().optional(),
      })
      .strict()
      .optional(),
    latencyMs: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((rule) => rule.prompt !== undefined || rule.regex !== undefined, {
    message: 'a script rule needs `prompt` or `regex`',
  })
  .refine(
    (rule) =>
      rule.text !== undefined ||
      rule.toolUse !== undefined ||
      rule.error !== undefined ||
      rule.latencyMs !== undefined,
    { message: 'a script rule needs `text`, `toolUse`, `error` or `latencyMs`' },
  );

export type ScriptRule = z.infer<typeof scriptRuleSchema>;

/** A script document: `{ "rules": [...] }` or just the array. */
export function parseScriptRules(input: unknown): ScriptRule[] {
  const list = typeof input === 'object' && input !== null && 'rules' in input ? input.rules : input;
  const parsed = z.array(scriptRuleSchema).safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid script rule at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  for (const rule of parsed.data) {
    if (rule.regex !== undefined) new RegExp(rule.regex, rule.flags); // fail at load time, not per request
  }
  return parsed.data;
}
