import type { RetrievedPassage } from '../retrieval/retrieved-passage';
import { MIN_PARTIAL_PASSAGE, cutAtWord, packContext } from './pack-context';

const passage = (text: string): RetrievedPassage => ({ text, uri: null, score: 0.5, metadata: {} });
const words = (count: number, word = 'word') => Array.from({ length: count }, () => word).join(' ');

describe('packContext', () => {
  it('keeps whole passages while they fit and reports their length', () => {
    // Arrange
    const passages = [passage('a'.repeat(400)), passage('b'.repeat(300))];
    // Act
    const packed = packContext(passages, 1000);
    // Assert
    expect(packed.passages.map((p) => p.text.length)).toEqual([400, 300]);
    expect(packed.contextLength).toBe(700);
  });

  it('cuts the first passage to the budget instead of dropping it', () => {
    // Arrange
    const long = passage(words(400));
    // Act
    const packed = packContext([long, passage('short')], 500);
    // Assert
    expect(packed.passages).toHaveLength(1);
    expect(packed.contextLength).toBeLessThanOrEqual(500);
    expect(packed.contextLength).toBeGreaterThan(450);
    expect(long.text.startsWith(packed.passages[0]!.text)).toBe(true);
  });

  it('shortens the next passage into what is left when that is worth it, then stops', () => {
    // Arrange
    const passages = [passage('a'.repeat(600)), passage(words(200)), passage('c'.repeat(10))];
    // Act
    const packed = packContext(passages, 1000);
    // Assert
    expect(packed.passages).toHaveLength(2);
    expect(packed.contextLength).toBeLessThanOrEqual(1000);
    expect(packed.passages[1]!.text.length).toBeGreaterThanOrEqual(MIN_PARTIAL_PASSAGE);
  });

  it('leaves out a passage that would be cut below the useful minimum', () => {
    // Arrange
    const passages = [passage('a'.repeat(900)), passage(words(100)), passage('c')];
    // Act
    const packed = packContext(passages, 1000);
    // Assert
    expect(packed.passages).toHaveLength(1);
    expect(packed.contextLength).toBe(900);
  });

  it('cuts a first passage of characters outside the BMP into well-formed text', () => {
    // Arrange
    const emoji = passage(`x ${'🥒'.repeat(400)}`);
    // Act
    const packed = packContext([emoji], 501);
    // Assert
    expect(packed.passages[0]!.text).not.toMatch(/\p{Cs}/u);
    expect(packed.contextLength).toBe(packed.passages[0]!.text.length);
    expect(packed.contextLength).toBe(500);
  });

  it('packs nothing from nothing', () => {
    // Act / Assert
    expect(packContext([], 3000)).toEqual({ passages: [], contextLength: 0 });
  });
});

describe('cutAtWord', () => {
  it('ends at a word boundary within the limit', () => {
    // Act / Assert
    expect(cutAtWord('alpha beta gamma', 12)).toBe('alpha beta');
    expect(cutAtWord('alpha beta gamma', 10)).toBe('alpha beta');
  });

  it('cuts hard inside a very long word rather than losing most of the text', () => {
    // Act / Assert
    expect(cutAtWord(`ab ${'x'.repeat(50)}`, 20)).toBe(`ab ${'x'.repeat(17)}`);
  });

  it('leaves short text alone', () => {
    // Act / Assert
    expect(cutAtWord('short', 10)).toBe('short');
  });

  it('never cuts a character outside the BMP in half', () => {
    // Arrange: '🥒' is two UTF-16 code units; with 'ab ' before them the limit falls between the two.
    const text = `ab ${'🥒'.repeat(50)}`;
    // Act
    const cut = cutAtWord(text, 20);
    // Assert: 8 whole cucumbers (19 code units), no lone surrogate left at the end.
    expect(cut).toBe(`ab ${'🥒'.repeat(8)}`);
    expect(cut).not.toMatch(/\p{Cs}/u);
  });
});
