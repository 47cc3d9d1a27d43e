import { PII_PATTERNS } from './pii-patterns';
import { PII_TYPES, type PiiType } from './pii-type';

/** Where a piece of PII sits in a text. Offsets only: the value itself is never kept. */
export interface PiiMatch {
  type: PiiType;
  start: number;
  end: number;
}

export type PiiCounts = Partial<Record<PiiType, number>>;

export interface RedactionResult {
  text: string;
  counts: PiiCounts;
}

/**
 * Finds PII with every recogniser, then keeps the longest of overlapping matches (earlier recognisers
 * win ties), so that e.g. digits inside a card number are never reported as a phone number even when
 * only PHONE is selected. Only then are the matches filtered to the requested types.
 */
export function findPii(text: string, types: readonly PiiType[] = PII_TYPES): PiiMatch[] {
  const candidates: PiiMatch[] = [];
  for (const pattern of PII_PATTERNS) {
    if (!pattern.mayContain(text)) continue;
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const end = match.index + match[0].length;
      if (pattern.isValid && !pattern.isValid(match[0], text, end)) continue;
      candidates.push({ type: pattern.type, start: match.index, end });
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: PiiMatch[] = [];
  let reached = 0;
  for (const candidate of candidates) {
    if (candidate.start < reached) continue;
    kept.push(candidate);
    reached = candidate.end;
  }
  return types.length === PII_TYPES.length ? kept : kept.filter((match) => types.includes(match.type));
}

/** The distinct PII types present, in PII_TYPES order. */
export function detectPii(text: string, types: readonly PiiType[] = PII_TYPES): PiiType[] {
  const found = new Set(findPii(text, types).map((match) => match.type));
  return PII_TYPES.filter((type) => found.has(type));
}

/** Replaces each piece of PII of the given types with `[REDACTED:TYPE]` and counts them per type. */
export function redactPii(text: string, types: readonly PiiType[] = PII_TYPES): RedactionResult {
  const matches = findPii(text, types);
  if (matches.length === 0) return { text, counts: {} };
  const counts: PiiCounts = {};
  let output = '';
  let cursor = 0;
  for (const match of matches) {
    output += `${text.slice(cursor, match.start)}[REDACTED:${match.type}]`;
    counts[match.type] = (counts[match.type] ?? 0) + 1;
    cursor = match.end;
  }
  return { text: output + text.slice(cursor), counts };
}
