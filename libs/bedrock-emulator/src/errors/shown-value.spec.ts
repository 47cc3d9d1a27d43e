import { MAX_SHOWN_LENGTH, shownValue } from './shown-value';

describe('shownValue', () => {
  it('quotes strings as they are and other values as JSON', () => {
    expect(shownValue('abc')).toBe('abc');
    expect(shownValue([1, { a: 2 }])).toBe('[1,{"a":2}]');
  });

  it('truncates long text', () => {
    const shown = shownValue('x'.repeat(10_000));

    expect(shown).toHaveLength(MAX_SHOWN_LENGTH + 3);
    expect(shown.endsWith('...')).toBe(true);
  });

  it('never throws, even for a value JSON.stringify cannot render', () => {
    // Arrange: 100,000 levels overflow JSON.stringify's recursion; a cycle makes it throw too.
    let deep: unknown = [];
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    // Act & Assert
    expect(shownValue(deep)).toBe('[object Array]');
    expect(shownValue(cyclic)).toBe('[object Object]');
  });
});
