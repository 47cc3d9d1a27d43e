import type { RetrievedPassage } from '../retrieval/retrieved-passage';
import { selectPassages } from './select-passages';

const passage = (text: string, score: number | null): RetrievedPassage => ({
  text,
  uri: null,
  score,
  metadata: {},
});

describe('selectPassages', () => {
  it('keeps scores from min_score up, best first, equal scores in their original order', () => {
    // Arrange
    const passages = [
      passage('a', 0.2),
      passage('b', 0.6),
      passage('c', 0.1),
      passage('d', 0.6),
      passage('e', 0.3),
    ];
    // Act
    const selected = selectPassages(passages, 0.2);
    // Assert
    expect(selected.map((p) => p.text)).toEqual(['b', 'd', 'e', 'a']);
  });

  it('drops passages without a score', () => {
    // Act / Assert
    expect(selectPassages([passage('a', null)], 0)).toEqual([]);
  });
});
