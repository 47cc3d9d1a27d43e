import { definedOnly, mergeConsecutiveTurns } from './chat-turns';

describe('mergeConsecutiveTurns', () => {
  it('joins runs of the same role with a blank line and keeps alternating turns', () => {
    // Arrange
    const turns = [
      { role: 'user' as const, content: 'a' },
      { role: 'user' as const, content: 'b' },
      { role: 'assistant' as const, content: 'c' },
      { role: 'user' as const, content: 'd' },
      { role: 'user' as const, content: 'e' },
      { role: 'user' as const, content: 'f' },
    ];

    // Act
    const merged = mergeConsecutiveTurns(turns);

    // Assert
    expect(merged).toEqual([
      { role: 'user', content: 'a\n\nb' },
      { role: 'assistant', content: 'c' },
      { role: 'user', content: 'd\n\ne\n\nf' },
    ]);
    expect(turns[0]).toEqual({ role: 'user', content: 'a' });
  });

  it('returns an empty list for no turns', () => {
    // Act / Assert
    expect(mergeConsecutiveTurns([])).toEqual([]);
  });
});

describe('definedOnly', () => {
  it('drops undefined values but keeps null, 0, false and empty strings', () => {
    // Act
    const fields = definedOnly({ a: undefined, b: null, c: 0, d: false, e: '' });

    // Assert
    expect(fields).toStrictEqual({ b: null, c: 0, d: false, e: '' });
  });
});
