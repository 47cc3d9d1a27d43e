/**
 * Parses the retrieved-context block the gateway renders into prompts (system prompt or a user turn):
 *
 *   <context>
 *   <source id="1" uri="s3://bucket/path/doc.md">
 *   passage text
 *   </source>
 *   </context>
 */
export interface ContextPassage {
  id: string;
  uri?: string;
  text: string;
}

export interface ParsedContext {
  passages: ContextPassage[];
  /** The text with every context block removed (the question, for a user turn). */
  rest: string;
}

const CONTEXT_BLOCK = /<context>([\s\S]*?)<\/context>/g;
const SOURCE_ELEMENT = /<source\b([^>]*)>([\s\S]*?)<\/source>/g;
const ATTRIBUTE = /([\w-]+)="([^"]*)"/g;

export function parseContextBlocks(text: string): ParsedContext {
  const passages: ContextPassage[] = [];
  for (const block of text.matchAll(CONTEXT_BLOCK)) {
    for (const source of (block[1] ?? '').matchAll(SOURCE_ELEMENT)) {
      const attributes = parseAttributes(source[1] ?? '');
      const passageText = (source[2] ?? '').trim();
      if (passageText === '') continue;
      passages.push({
        id: attributes.get('id') ?? String(passages.length + 1),
        ...(attributes.has('uri') ? { uri: attributes.get('uri') } : {}),
        text: passageText,
      });
    }
  }
  return { passages, rest: text.replace(CONTEXT_BLOCK, '').trim() };
}

function parseAttributes(raw: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of raw.matchAll(ATTRIBUTE)) attributes.set(match[1] ?? '', match[2] ?? '');
  return attributes;
}
