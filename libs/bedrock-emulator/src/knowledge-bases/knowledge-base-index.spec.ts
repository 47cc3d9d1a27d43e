import {
  EXPANDED_QUERY_TERMS,
  KnowledgeBaseIndex,
  normaliseScore,
  rarestTermIdf,
  SCORE_HALF_POINT,
} from './knowledge-base-index';
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

describe('scores and the size of the knowledge base', () => {
  const DOCUMENTS = [
    { path: 'doc.md', text: 'The oddkb has a single document about submarine sandwiches and pickles.' },
    { path: 'bikes.md', text: 'The second document covers bicycle repair and chain lubrication.' },
    {
      path: 'garden.md',
      text: 'Tomatoes need full sun, deep watering twice a week, and stakes once they flower.',
    },
    { path: 'coffee.md', text: 'Espresso is brewed by forcing hot water through finely ground coffee.' },
    {
      path: 'sailing.md',
      text: 'When sailing upwind, trim the jib first, then the mainsail, and watch the telltales.',
    },
    { path: 'chess.md', text: 'The Sicilian Defence answers e4 with c5 and leads to sharp middlegames.' },
  ];
  const bestScore = (documents: number, question: string): number => {
    const index = new KnowledgeBaseIndex(memoryKnowledgeBase('KBSIZED001', DOCUMENTS.slice(0, documents)));
    return index.query(question, 'HYBRID')[0]?.score ?? 0;
  };

  it('gives an exact question the same score whether the knowledge base holds 1, 2 or 6 documents', () => {
    // Act
    const scores = [1, 2, 6].map((documents) => bestScore(documents, 'submarine sandwiches and pickles'));
    // Assert: well above the gateway's default min_score (0.15), within a few hundredths of each other
    for (const score of scores) {
      expect(score).toBeGreaterThan(0.5);
      expect(score).toBeLessThan(1);
      expect(Math.abs(score - scores[2]!)).toBeLessThan(0.05);
    }
  });

  it('keeps a question sharing one incidental word with a one-document knowledge base low', () => {
    expect(bestScore(1, 'a single malt whisky tasting')).toBeLessThan(0.15);
  });
});

describe('normaliseScore', () => {
  it('is monotone, below 1 and half-saturates at the documented point', () => {
    const raws = [0.01, 0.5, 1, 4, 10, 100, 1000];
    const scores = raws.map((raw) => normaliseScore(raw, 1, 100));

    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(scores).size).toBe(raws.length);
    expect(scores.every((score) => score > 0 && score < 1)).toBe(true);
    const half = SCORE_HALF_POINT * rarestTermIdf(100);
    expect(normaliseScore(half, 1, 100)).toBeCloseTo(0.5);
    expect(normaliseScore(4 * half, 2, 100)).toBeCloseTo(0.5);
  });

  it('measures BM25 against the largest IDF the knowledge base can give, so its size does not set the scale', () => {
    expect(normaliseScore(rarestTermIdf(1), 1, 1)).toBeCloseTo(normaliseScore(rarestTermIdf(1000), 1, 1000));
    expect(rarestTermIdf(1)).toBeCloseTo(Math.log(1 + 0.5 / 1.5));
  });
});
