import { chunkDocument, chunkId } from './chunker';
import type { KnowledgeBaseDefinition, KnowledgeBaseDocument } from './knowledge-base.model';

const definition: KnowledgeBaseDefinition = {
  id: 'KBCHUNKS01',
  name: 'chunks',
  description: '',
  dataSourceId: 'DSCHUNKS01',
  bucket: 'bucket',
};
const sentence = (i: number): string => `Sentence number ${i} has exactly seven words.`;

function document(text: string): KnowledgeBaseDocument {
  return { path: 'docs/a.md', title: 'A', text, metadata: { team: 'x' } };
}

describe('chunkDocument', () => {
  it('packs whole sentences up to the word limit and never cuts a sentence', () => {
    // Arrange: 40 sentences of 7 words = 280 words, limit 50 words → 7 sentences per chunk
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');

    // Act
    const chunks = chunkDocument(definition, document(text), 0, { maxWords: 50, minWordsBeforeHeading: 20 });

    // Assert
    expect(chunks).toHaveLength(6);
    for (const chunk of chunks) {
      expect(chunk.text.split(/\s+/).length).toBeLessThanOrEqual(50);
      expect(chunk.text).toMatch(/^Sentence number \d+/);
      expect(chunk.text.endsWith('words.')).toBe(true);
    }
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(text);
  });

  it('starts a new chunk at a heading once the current one is long enough, keeping the heading marker', () => {
    const text = `${sentence(1)} ${sentence(2)} ${sentence(3)}\n\n## Next part\n\n${sentence(4)}`;

    const chunks = chunkDocument(definition, document(text), 0, { maxWords: 300, minWordsBeforeHeading: 20 });

    expect(chunks.map((chunk) => chunk.text)).toEqual([
      `${sentence(1)} ${sentence(2)} ${sentence(3)}`,
      `## Next part\n\n${sentence(4)}`,
    ]);
  });

  it('splits a sentence longer than the limit at word boundaries', () => {
    const text = Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ');

    const chunks = chunkDocument(definition, document(text), 0, { maxWords: 10, minWordsBeforeHeading: 5 });

    expect(chunks.map((chunk) => chunk.text.split(' ').length)).toEqual([10, 10, 5]);
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(text);
  });

  it('numbers chunks from the given ordinal, with stable service-style ids, uri and metadata', () => {
    const chunks = chunkDocument(definition, document(`${sentence(1)} ${sentence(2)}`), 7, {
      maxWords: 7,
      minWordsBeforeHeading: 5,
    });

    expect(chunks.map((chunk) => chunk.ordinal)).toEqual([7, 8]);
    expect(chunks[0]!.chunkId).toMatch(/^1%3A0%3A[A-Za-z0-9_-]{20}$/);
    expect(chunks[0]!.chunkId).toBe(chunkId('KBCHUNKS01', 'docs/a.md', 0));
    expect(chunks[0]!.chunkId).not.toBe(chunks[1]!.chunkId);
    expect(chunks[0]!.sourceUri).toBe('s3://bucket/docs/a.md');
    expect(chunks[1]!.metadata).toEqual({ team: 'x' });
  });
});
