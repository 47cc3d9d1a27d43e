import type { GroundingDocument } from './family-strategy';

/**
 * Renders retrieved passages in the one format every non-Cohere family receives (the emulator parses it):
 *
 * ```
 * <context>
 * <source id="1" uri="s3://bucket/path/doc.md">
 * passage text
 * </source>
 * </context>
 * ```
 * `uri="…"` is omitted when the document has none. `"`, `<` and `>` inside an attribute are
 * percent-encoded (still a valid URI) so the tag cannot be broken. The passage text is passed unchanged
 * but for the `<` of a `source` or `context` tag in it (any case, spaced or not), written `&lt;`: a
 * document about prompt markup would otherwise end its source or the whole block early, and what
 * follows would reach the model as instructions instead of sources.
 */
export function renderGroundingContext(documents: readonly GroundingDocument[]): string {
  const sources = documents.map((document) => {
    const uri = document.uri === null ? '' : ` uri="${attribute(document.uri)}"`;
    return `<source id="${attribute(document.id)}"${uri}>\n${passageText(document.text)}\n</source>`;
  });
  return ['<context>', ...sources, '</context>'].join('\n');
}

/**
 * The system prompt a family should send: the caller's prompt, then a blank line, then the grounding
 * context. Without documents it is the caller's prompt (possibly undefined).
 */
export function groundedSystemPrompt(
  system: string | undefined,
  documents: readonly GroundingDocument[] | undefined,
): string | undefined {
  if (documents === undefined || documents.length === 0) return system;
  const context = renderGroundingContext(documents);
  return system === undefined || system === '' ? context : `${system}\n\n${context}`;
}

function attribute(value: string): string {
  return value.replace(/["<>]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The opening `<` of anything a reader of the markup could take for a `source` or `context` tag. Written
 * `\s*(?:\/\s*)?`, not `\s*\/?\s*`: two blank runs side by side backtrack over each other (a `<` then
 * 100,000 spaces took 8.4 s; 0.3 ms this way).
 */
const MARKUP_TAG = /<(?=\s*(?:\/\s*)?(?:source|context)(?![\w-]))/gi;

function passageText(text: string): string {
  return text.replace(MARKUP_TAG, '&lt;');
}
