/**
 * Cuts generated text at the first stop sequence, for families whose native API takes none (Llama):
 * the gateway applies API.md's `stop_sequences` itself. Streamed deltas go through `push`, which holds
 * back only a tail that could still be the start of a stop sequence, so text is not delayed otherwise.
 */
export class StopSequenceCutter {
  private held = '';
  private stopped = false;

  constructor(private readonly stops: readonly string[]) {}

  /** Whether a stop sequence was found: nothing after it is text of the answer. */
  get hasStopped(): boolean {
    return this.stopped;
  }

  /** The part of the text so far that can be sent now. */
  push(delta: string): string {
    if (this.stopped) return '';
    const text = this.held + delta;
    const cut = firstStopIndex(text, this.stops);
    if (cut !== -1) {
      this.stopped = true;
      this.held = '';
      return text.slice(0, cut);
    }
    const keep = partialStopSuffix(text, this.stops);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** What is still held back when the text ends without a stop sequence. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}

/** `text` cut at its first stop sequence, and whether one was found. */
export function cutAtStopSequence(
  text: string,
  stops: readonly string[],
): { text: string; stopped: boolean } {
  const cutter = new StopSequenceCutter(stops);
  const head = cutter.push(text);
  return { text: head + cutter.flush(), stopped: cutter.hasStopped };
}

function firstStopIndex(text: string, stops: readonly string[]): number {
  let first = -1;
  for (const stop of stops) {
    const index = text.indexOf(stop);
    if (index !== -1 && (first === -1 || index < first)) first = index;
  }
  return first;
}

/** Length of the longest end of `text` that is the beginning of a stop sequence (but not all of it). */
function partialStopSuffix(text: string, stops: readonly string[]): number {
  let longest = 0;
  for (const stop of stops) {
    for (let length = Math.min(stop.length - 1, text.length); length > longest; length -= 1) {
      if (text.endsWith(stop.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
