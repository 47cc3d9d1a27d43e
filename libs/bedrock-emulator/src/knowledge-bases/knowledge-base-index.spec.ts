import { EXPANDED_QUERY_TERMS, KnowledgeBaseIndex, normaliseScore } from './knowledge-base-index';
import { memoryKnowledgeBase, ORCHARD } from './knowledge-base.fixtures';
import { parseFilter } from './metadata-filter';

describe('KnowledgeBaseIndex', () => {
  const index = new KnowledgeBaseIndex(ORCHARD);

  it('ranks the chunk about the query first', () => {
    // Act
    const hits = index.query('when is the apple harvest?', 'HYBRID');

    // Assert
    expect(hits[0]!.chunk.sourceUri).toBe('s3://test-bucket/apples.md');
  });

  it('returns scores strictly inside (0, 1), sorted descending', () => {
    for (const searchType of ['HYBRID', 'SEMANTIC'] as const) {
      const hits = index.query('orchards trees spring', searchType);

      expect(hits.length).toBeGreaterThan(1);
      for (const hit of hits) {
        expect(hit.score).toBeGreaterThan(0);
        expect(hit.score).toBeLessThan(1);
      }
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('scores a weak single-term match of a long query well below 1', () => {
    const [best] = index.query('carrots banana kiwi mango papaya lychee', 'HYBRID');

    expect(best!.chunk.sourceUri).toBe('s3://test-bucket/carrots.md');
    expect(best!.score).toBeLessThan(0.3);
  });

  it('finds nothing for stop words only or unknown terms', () => {
    expect(index.query('what is the', 'HYBRID')).toEqual([]);
    expect(index.query('submarine', 'HYBRID')).toEqual([]);
  });

  it('SEMANTIC matches word forms and prefixes that HYBRID does not', () => {
    const kb = new KnowledgeBaseIndex(
      memoryKnowledgeBase('KBFORMS001', [{ path: 'release.md', text: 'Deployments run on weekdays.' }]),
    );

    expect(kb.query('deploy', 'HYBRID')).toEqual([]);
    expect(kb.query('deploy', 'SEMANTIC').map((hit) => hit.chunk.sourceUri)).toEqual([
      's3://test-bucket/release.md',
    ]);
  });

  it('expands only the first terms of a long query with prefix and fuzzy matches', () => {
    // Arrange: a prefix of an indexed word, before and after enough other terms.
    const kb = new KnowledgeBaseIndex(
      memoryKnowledgeBase('KBFORMS001', [{ path: 'release.md', text: 'Deployments run on weekdays.' }]),
    );
    const others = Array.from({ length: EXPANDED_QUERY_TERMS }, (_, i) => `zq${i.toString(36)}xv`).join(' ');
    // Act
    const early = kb.query(`deploy ${others}`, 'SEMANTIC');
    const late = kb.query(`${others} deploy`, 'SEMANTIC');
    const exactLate = kb.query(`${others} deployments`, 'SEMANTIC');
    // Assert: past the cap a term still matches exactly, just not by prefix.
    expect(early).toHaveLength(1);
    expect(late).toEqual([]);
    expect(exactLate).toHaveLength(1);
  });

  it('matches no term over 32 characters fuzzily, so a 60,000-character word answers at once', () => {
    // Arrange
    const word = `${'a'.repeat(40)}b`;
    const kb = new KnowledgeBaseIndex(
      memoryKnowledgeBase('KBLONGWORD', [{ path: 'code.md', text: `The code is ${word}.` }]),
    );

    // Act (no timed assertion: the old fuzzy matrix took seconds and gigabytes, past jest's own timeout)
    const huge = kb.query('a'.repeat(60_000), 'SEMANTIC');

    // Assert
    expect(kb.query(word, 'HYBRID')).toHaveLength(1);
    expect(kb.query(`${'a'.repeat(40)}c`, 'HYBRID')).toEqual([]);
    expect(huge).toEqual([]);
  });

  it('HYBRID tolerates a one-letter typo in a longer word at a lower score than the exact word', () => {
    const [exact] = index.query('vegetables', 'HYBRID');
    const [typo] = index.query('vegitables', 'HYBRID');

    expect(typo!.chunk.chunkId).toBe(exact!.chunk.chunkId);
    expect(typo!.score).toBeLessThan(exact!.score);
  });

  it('applies a metadata filter before ranking', () => {
    const filter = parseFilter({ equals: { key: 'kind', value: 'vegetable' } }, 'filter');

    const hits = index.query('orchards', 'HYBRID', filter);

    expect(hits.map((hit) => hit.chunk.sourceUri)).toEqual(['s3://test-bucket/carrots.md']);
  });
});

describe('normaliseScore', () => {
  it('is monotone, below 1 and half-saturates at the documented point', () => {
    const raws = [0.01, 0.5, 1, 4, 10, 100, 1000];
    const scores = raws.map((raw) => normaliseScore(raw, 1));

    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(scores).size).toBe(raws.length);
    expect(scores.every((score) => score > 0 && score < 1)).toBe(true);
    expect(normaliseScore(4, 1)).toBeCloseTo(0.5);
    expect(normaliseScore(16, 2)).toBeCloseTo(0.5);
  });
});
