/**
 * The kinds of personal or secret data the PII policy knows. The names appear in `[REDACTED:TYPE]`
 * markers, in the `redactions` of a chat response and in `pii_blocked` details.
 */
export const PII_TYPES = ['SSN', 'CREDIT_CARD', 'EMAIL', 'PHONE', 'IP_ADDRESS', 'AWS_ACCESS_KEY'] as const;

export type PiiType = (typeof PII_TYPES)[number];
