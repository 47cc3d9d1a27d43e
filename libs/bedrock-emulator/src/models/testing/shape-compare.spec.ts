import { shapeDifferences } from './shape-compare';

describe('shapeDifferences', () => {
  it('accepts the same keys with different values', () => {
    expect(shapeDifferences({ a: 1, b: 'x', c: [1, 2] }, { a: 7, b: 'y', c: [3] })).toEqual([]);
  });

  it('reports missing keys, extra keys and type changes with their paths', () => {
    const differences = shapeDifferences({ a: 1, b: { c: 'x' } }, { b: { c: 2 }, d: true });
    expect(differences).toEqual([
      '$.a: missing',
      '$.b.c: expected string, got number',
      '$.d: not in the recorded payload',
    ]);
  });

  it('treats null as its own type', () => {
    expect(shapeDifferences({ a: null }, { a: 'stop' })).toEqual(['$.a: expected null, got string']);
  });

  it('matches each array element against any recorded element', () => {
    const recorded = [
      { type: 'text', text: '' },
      { type: 'tool_use', id: '', input: {} },
    ];
    expect(shapeDifferences(recorded, [{ type: 'text', text: 'hi' }])).toEqual([]);
    expect(shapeDifferences(recorded, [{ type: 'text' }])).toEqual(['$[0].text: missing']);
  });

  it('ignores the listed keys on both sides', () => {
    expect(shapeDifferences({ a: 1, p: 'pad' }, { a: 2, q: 1 }, { ignoreKeys: ['p', 'q'] })).toEqual([]);
  });
});
