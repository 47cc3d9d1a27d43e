import type { ChatTurn } from './family-strategy';

/**
 * Joins consecutive turns of the same role (with a blank line) so roles alternate, as the Claude
 * Messages API and the Mistral templates require. Returns new objects; the input is not changed.
 */
export function mergeConsecutiveTurns(turns: readonly ChatTurn[]): ChatTurn[] {
  const merged: ChatTurn[] = [];
  for (const turn of turns) {
    const previous = merged.at(-1);
    if (previous !== undefined && previous.role === turn.role) {
      previous.content = `${previous.content}\n\n${turn.content}`;
    } else {
      merged.push({ role: turn.role, content: turn.content });
    }
  }
  return merged;
}

/** Drops keys whose value is `undefined`, so native bodies only carry the parameters the caller set. */
export function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A list, or `undefined` (left out by `definedOnly`) when it is empty. */
export function nonEmpty<T>(items: readonly T[]): readonly T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** For a family whose body has no stop parameter: the gateway cuts at every stop sequence. */
export function noNativeStops(): readonly string[] {
  return [];
}
