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

/** Starts only where a name starts, so a long run of word characters is scanned once, not once per letter. */
const ATTRIBUTE = /(?<![\w-])([\w-]+)="([^"]*)"/g;

/**
 * Blocks and sources are found with indexOf, not lazy regexes (`<context>([\s\S]*?)</context>`): with
 * no closing tag a regex retried every opening tag to the end of the text, so a megabyte of `<context>`
 * blocked the event loop for most of a minute.
 */
export function parseContextBlocks(text: string): ParsedContext {
  const passages: ContextPassage[] = [];
  const outside: string[] = [];
  let from = 0;
  for (const block of elements(text, '<context>', '</context>')) {
    outside.push(text.slice(from, block.start));
    from = block.end;
    for (const source of sourceElements(block.inner)) {
      const attributes = parseAttributes(source.attributes);
      const passageText = source.inner.trim();
      if (passageText === '') continue;
      passages.push({
        id: attributes.get('id') ?? String(passages.length + 1),
        ...(attributes.has('uri') ? { uri: attributes.get('uri') } : {}),
        text: passageText,
      });
    }
  }
  outside.push(text.slice(from));
  return { passages, rest: outside.join('').trim() };
}

interface Element {
  start: number;
  end: number;
  inner: string;
}

/** `open … close` pairs, left to right, each closed by the first `close` after it; none past an unclosed one. */
function* elements(text: string, open: string, close: string): Generator<Element> {
  let start = text.indexOf(open);
  while (start !== -1) {
    const closing = text.indexOf(close, start + open.length);
    if (closing === -1) return;
    const end = closing + close.length;
    yield { start, end, inner: text.slice(start + open.length, closing) };
    start = text.indexOf(open, end);
  }
}

/** `<source attributes>text</source>`, as `/<source\b([^>]*)>([\s\S]*?)<\/source>/g` read them. */
function* sourceElements(block: string): Generator<{ attributes: string; inner: string }> {
  const open = '<source';
  const close = '</source>';
  let start = block.indexOf(open);
  while (start !== -1) {
    const after = start + open.length;
    if (/\w/.test(block.charAt(after))) {
      start = block.indexOf(open, after);
      continue;
    }
    const tagEnd = block.indexOf('>', after);
    if (tagEnd === -1) return;
    const closing = block.indexOf(close, tagEnd + 1);
    if (closing === -1) return;
    yield { attributes: block.slice(after, tagEnd), inner: block.slice(tagEnd + 1, closing) };
    start = block.indexOf(open, closing + close.length);
  }
}

function parseAttributes(raw: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of raw.matchAll(ATTRIBUTE)) attributes.set(match[1] ?? '', match[2] ?? '');
  return attributes;
}
