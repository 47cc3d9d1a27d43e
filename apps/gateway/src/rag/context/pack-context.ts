import type { RetrievedPassage } from '../retrieval/retrieved-passage';

export interface PackedContext<P extends RetrievedPassage> {
  /** The passages that go into the prompt, in order; the last one may be shortened. */
  passages: P[];
  /** Characters of retrieved text in the prompt (markup not counted), at most the budget. */
  contextLength: number;
}

/** A passage cut shorter than this is noise: it is left out rather than squeezed in. */
export const MIN_PARTIAL_PASSAGE = 200;

/**
 * Packs passages, in order, into `budget` characters of retrieved text. Whole passages while they fit;
 * then the next one shortened to what is left when that is at least `MIN_PARTIAL_PASSAGE`, and stop.
 * The first passage always goes in, cut to the budget when it is longer, so a small budget never
 * empties the context.
 */
export function packContext<P extends RetrievedPassage>(
  passages: readonly P[],
  budget: number,
): PackedContext<P> {
  const packed: P[] = [];
  let used = 0;
  for (const passage of passages) {
    const left = budget - used;
    if (passage.text.length <= left) {
      packed.push(passage);
      used += passage.text.length;
      continue;
    }
    if (packed.length === 0 || left >= MIN_PARTIAL_PASSAGE) {
      const text = cutAtWord(passage.text, left);
      packed.push({ ...passage, text });
      used += text.length;
    }
    break;
  }
  return { passages: packed, contextLength: used };
}

/** At most `limit` characters, ending at a word boundary unless that would lose over half of them. */
export function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const hard = sliceWhole(text, limit);
  if (/\s/.test(text.charAt(limit))) return hard.trimEnd();
  const space = hard.search(/\s\S*$/);
  return space >= limit / 2 ? hard.slice(0, space).trimEnd() : hard;
}

/**
 * The first `limit` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair (an
 * emoji, a CJK extension character): half a pair is not valid Unicode, and it would reach the model, the
 * caller's `excerpt` and Retrieve's query as a lone `\ud83e`.
 */
export function sliceWhole(text: string, limit: number): string {
  const end = limit > 0 && limit < text.length && isPairStart(text, limit - 1) ? limit - 1 : limit;
  return text.slice(0, end);
}

function isPairStart(text: string, index: number): boolean {
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}
