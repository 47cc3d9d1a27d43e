import { parseContextBlocks } from './context-block';

const PROMPT = [
  'Answer from the sources.',
  '<context>',
  '<source id="1" uri="s3://bucket/path/doc.md">',
  'Paris is the capital of France.',
  '</source>',
  '<source id="2" uri="s3://bucket/path/other.md">',
  'Berlin is the capital of Germany.',
  '</source>',
  '</context>',
  'What is the capital of France?',
].join('\n');

describe('parseContextBlocks', () => {
  it('reads every source with its id, uri and trimmed text', () => {
    const { passages } = parseContextBlocks(PROMPT);
    expect(passages).toEqual([
      { id: '1', uri: 's3://bucket/path/doc.md', text: 'Paris is the capital of France.' },
      { id: '2', uri: 's3://bucket/path/other.md', text: 'Berlin is the capital of Germany.' },
    ]);
  });

  it('returns the text outside the block as the rest', () => {
    expect(parseContextBlocks(PROMPT).rest).toBe(
      'Answer from the sources.\n\nWhat is the capital of France?',
    );
  });

  it('numbers sources without an id and leaves out a missing uri', () => {
    const { passages } = parseContextBlocks('<context><source>One fact.</source></context>');
    expect(passages).toEqual([{ id: '1', text: 'One fact.' }]);
  });

  it('finds nothing in text without a context block', () => {
    expect(parseContextBlocks('<source id="1">not inside context</source>')).toEqual({
      passages: [],
      rest: '<source id="1">not inside context</source>',
    });
  });

  it('reads several blocks, skips an unclosed source and keeps an unclosed block in the rest', () => {
    const text = 'a<context><sourcex>no</sourcex><source id="7">x</source></context>b<context>c';
    expect(parseContextBlocks(text)).toEqual({ passages: [{ id: '7', text: 'x' }], rest: 'ab<context>c' });
  });

  it.each([
    ['unclosed <context> tags', '<context>'.repeat(50_000)],
    ['unclosed <source> tags', `<context>${'<source>'.repeat(50_000)}</context>`],
    ['a long attribute-less source tag', `<context><source ${'a'.repeat(300_000)}>x</source></context>`],
  ])('reads %s in linear time (lazy regexes took most of a minute on 1 MB)', (_case, text) => {
    // Act / Assert (no timed assertion: the old regexes took most of a minute, past jest's own timeout)
    expect(() => parseContextBlocks(text)).not.toThrow();
  });
});
