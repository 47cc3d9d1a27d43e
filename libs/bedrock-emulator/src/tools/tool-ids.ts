import { createHash } from 'node:crypto';
import { base62Of } from '../generation/hash';

/** Converse tool-use ids look like `tooluse_` + 22 url-safe characters (bedrock-wire.md §3.2). */
export function converseToolUseId(seed: string): string {
  return `tooluse_${createHash('sha256').update(seed).digest('base64url').slice(0, 22)}`;
}

/** Claude's own ids on Bedrock start `toolu_bdrk_` (§7.1), shaped like its `msg_bdrk_01…` message ids. */
export function claudeToolUseId(seed: string): string {
  return `toolu_bdrk_01${base62Of(seed, 22)}`;
}
