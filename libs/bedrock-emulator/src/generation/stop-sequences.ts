/** Where the earliest stop sequence starts in `text`, and which one it is. */
export interface StopMatch {
  index: number;
  sequence: string;
}

/** The earliest occurrence of any (non-empty) stop sequence; ties go to the longer sequence. */
export function findStopSequence(text: string, stopSequences: readonly string[]): StopMatch | undefined {
  let best: StopMatch | undefined;
  for (const sequence of stopSequences) {
    if (sequence === '') continue;
    const index = text.indexOf(sequence);
    if (index < 0) continue;
    if (
      best === undefined ||
      index < best.index ||
      (index === best.index && sequence.length > best.sequence.length)
    ) {
      best = { index, sequence };
    }
  }
  return best;
}
