import { z } from 'zod';
import { PII_TYPES } from '../pii/pii-type';

/** Lowercase hex SHA-256 of the API key; the key itself is never stored. */
const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be the 64-character lowercase hex SHA-256 of the key');
const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1..64 characters of letters, digits, ".", "_" or "-"');
/** A model or knowledge-base alias, id, or glob using `*` (see pattern-matcher.ts). */
const pattern = z.string().min(1).max(512);

const keySchema = z
  .object({
    id: identifier,
    hash: sha256Hex,
    role: z.enum(['admin', 'user']).default('user'),
    revoked: z.boolean().default(false),
    created_at: z.string().optional(),
  })
  .strict();

const budgetsSchema = z
  .object({
    daily_usd: z.number().positive().optional(),
    monthly_usd: z.number().positive().optional(),
    daily_tokens: z.number().int().positive().optional(),
    monthly_tokens: z.number().int().positive().optional(),
    mode: z.enum(['deny', 'warn']).default('deny'),
  })
  .strict();

const ratesSchema = z
  .object({
    requests_per_minute: z.number().int().positive().optional(),
    tokens_per_minute: z.number().int().positive().optional(),
  })
  .strict();

export const piiPolicySchema = z
  .object({
    mode: z.enum(['redact', 'deny', 'off']),
    /** Omitted means every type in PII_TYPES. */
    types: z.array(z.enum(PII_TYPES)).min(1).optional(),
  })
  .strict();

const tenantSchema = z
  .object({
    id: identifier,
    name: z.string().min(1).max(200).optional(),
    keys: z.array(keySchema).default([]),
    /** Omitted means every model; `[]` means none. */
    allowed_models: z.array(pattern).optional(),
    /** Omitted means every knowledge base; `[]` means none. */
    allowed_knowledge_bases: z.array(pattern).optional(),
    budgets: budgetsSchema.optional(),
    rates: ratesSchema.optional(),
    pii: piiPolicySchema.default({ mode: 'redact' }),
    log_prompts: z.boolean().default(false),
  })
  .strict();

export const governanceConfigSchema = z
  .object({
    version: z.literal(1).default(1),
    tenants: z.array(tenantSchema).default([]),
  })
  .strict()
  .superRefine((config, context) => {
    const tenantIds = new Set<string>();
    const hashes = new Set<string>();
    config.tenants.forEach((tenant, tenantIndex) => {
      if (tenantIds.has(tenant.id)) {
        context.addIssue({
          code: 'custom',
          path: ['tenants', tenantIndex, 'id'],
          message: 'duplicate tenant id',
        });
      }
      tenantIds.add(tenant.id);
      const keyIds = new Set<string>();
      tenant.keys.forEach((key, keyIndex) => {
        const path = ['tenants', tenantIndex, 'keys', keyIndex];
        if (keyIds.has(key.id))
          context.addIssue({ code: 'custom', path: [...path, 'id'], message: 'duplicate key id' });
        if (hashes.has(key.hash))
          context.addIssue({ code: 'custom', path: [...path, 'hash'], message: 'duplicate key hash' });
        keyIds.add(key.id);
        hashes.add(key.hash);
      });
    });
  });

export type GovernanceConfig = z.infer<typeof governanceConfigSchema>;
export type TenantConfig = GovernanceConfig['tenants'][number];
export type KeyConfig = TenantConfig['keys'][number];
export type BudgetsConfig = NonNullable<TenantConfig['budgets']>;
export type RatesConfig = NonNullable<TenantConfig['rates']>;
export type PiiPolicy = z.infer<typeof piiPolicySchema>;
export type Role = KeyConfig['role'];
