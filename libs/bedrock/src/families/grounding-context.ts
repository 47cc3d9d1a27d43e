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
 * percent-encoded (still a valid URI) so the tag cannot be broken; the passage text is passed unchanged.
 */
export function renderGroundingContext(documents: readonly GroundingDocument[]): string {
  const sources = documents.map((document) => {
    const uri = document.uri === null ? '' : ` uri="${attribute(document.uri)}"`;
    return `<source id="${attribute(document.id)}"${uri}>\n${document.text}\n</source>`;
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
