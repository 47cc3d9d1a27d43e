import { bodyShapeError, MAX_BODY_ENTRIES, shapeBeyond } from './body-shape';

const nestedArrays = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
const nestedObjects = (levels: number): unknown =>
  JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));
const depth = (value: unknown, limit: number) =>
  shapeBeyond(value, { depth: limit, entries: 10 }) === 'depth';

describe('shapeBeyond: depth', () => {
  it('counts each object or array as one level', () => {
    expect(depth({ messages: [{ role: 'user', content: 'hi' }] }, 3)).toBe(false);
    expect(depth({ messages: [{ role: 'user', content: 'hi' }] }, 2)).toBe(true);
    expect(depth('text', 0)).toBe(false);
    expect(depth(null, 0)).toBe(false);
  });

  it('finds the deep branch among shallow ones', () => {
    expect(depth({ a: 1, b: [1, 2], c: { d: { e: [[]] } } }, 4)).toBe(true);
    expect(depth({ a: 1, b: [1, 2], c: { d: { e: [[]] } } }, 5)).toBe(false);
  });

  it('walks nesting far beyond the call stack without recursion', () => {
    expect(depth(nestedArrays(100_000), 32)).toBe(true);
    expect(depth(nestedObjects(100_000), 32)).toBe(true);
    expect(depth(nestedArrays(32), 32)).toBe(false);
    expect(depth(nestedArrays(33), 32)).toBe(true);
  });
});

describe('shapeBeyond: entries', () => {
  const limits = { depth: 32, entries: 3 };

  it('counts the keys of an object and the items of an array, at any level', () => {
    expect(shapeBeyond({ a: 1, b: 2, c: 3 }, limits)).toBeNull();
    expect(shapeBeyond({ a: 1, b: 2, c: 3, d: 4 }, limits)).toBe('entries');
    expect(shapeBeyond({ messages: [1, 2, 3] }, limits)).toBeNull();
    expect(shapeBeyond({ metadata: { m: [null, null, null, null] } }, limits)).toBe('entries');
  });
});

describe('bodyShapeError', () => {
  it('answers a body with too many entries in one object with a 400 saying so', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_BODY_ENTRIES + 1 }, (_, i) => [`f${i}`, i]));
    expect(bodyShapeError(wide)).toMatchObject({
      code: 'validation_error',
      message: /more than 1000 entries/,
    });
    expect(
      bodyShapeError({ messages: Array.from({ length: 200 }, () => ({ role: 'user' })) }),
    ).toBeUndefined();
  });
});
