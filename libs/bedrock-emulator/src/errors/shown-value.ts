/** Past this many characters a value quoted in an error message is cut off. */
export const MAX_SHOWN_LENGTH = 256;

/**
 * A request value as quoted in a validation message (`Value '…' at 'field'`). Safe for any value: a deep or
 * cyclic one that `JSON.stringify` cannot render becomes `[object …]`, and long text is truncated.
 */
export function shownValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}...` : text;
}
