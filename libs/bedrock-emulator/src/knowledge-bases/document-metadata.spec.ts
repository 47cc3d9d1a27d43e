import { parseSidecar, splitFrontMatter } from './document-metadata';
import { matchesFilter, parseFilter } from './metadata-filter';

describe('document metadata', () => {
  it('reads plain and typed sidecar values and drops what Bedrock metadata cannot hold', () => {
    const metadata = parseSidecar({
      metadataAttributes: {
        lang: 'en',
        year: { value: { type: 'NUMBER', numberValue: 2024 } },
        tags: ['a', 1],
        nested: { deep: true },
      },
    });

    expect(metadata).toEqual({ lang: 'en', year: 2024, tags: ['a', '1'] });
  });

  it('keeps a key named __proto__ as an own key instead of changing the prototype', () => {
    const sidecar = parseSidecar(
      JSON.parse('{"metadataAttributes": {"__proto__": ["x", "y"], "lang": "en"}}'),
    );
    const { metadata: frontMatter } = splitFrontMatter('---\n__proto__: [x, y]\nlang: en\n---\nBody');

    for (const metadata of [sidecar, frontMatter]) {
      expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).toEqual(['x', 'y']);
      expect(JSON.stringify(metadata)).toBe('{"__proto__":["x","y"],"lang":"en"}');
      const matches = (filter: unknown): boolean => matchesFilter(parseFilter(filter, 'filter'), metadata);
      expect(matches({ listContains: { key: '__proto__', value: 'x' } })).toBe(true);
      // An array prototype would have lent the document a `length` of 2.
      expect(matches({ greaterThan: { key: 'length', value: 0 } })).toBe(false);
    }
  });
});
