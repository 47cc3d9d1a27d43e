import { nestsDeeperThan } from './body-depth';

const nestedArrays = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
const nestedObjects = (levels: number): unknown =>
  JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));

describe('nestsDeeperThan', () => {
  it('counts each object or array as one level', () => {
    expect(nestsDeeperThan({ messages: [{ role: 'user', content: 'hi' }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ messages: [{ role: 'user', content: 'hi' }] }, 2)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
  });

  it('finds the deep branch among shallow ones', () => {
    expect(nestsDeeperThan({ a: 1, b: [1, 2], c: { d: { e: [[]] } } }, 4)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, 2], c: { d: { e: [[]] } } }, 5)).toBe(false);
  });

  it('walks nesting far beyond the call stack without recursion', () => {
    expect(nestsDeeperThan(nestedArrays(100_000), 32)).toBe(true);
    expect(nestsDeeperThan(nestedObjects(100_000), 32)).toBe(true);
    expect(nestsDeeperThan(nestedArrays(32), 32)).toBe(false);
    expect(nestsDeeperThan(nestedArrays(33), 32)).toBe(true);
  });
});
