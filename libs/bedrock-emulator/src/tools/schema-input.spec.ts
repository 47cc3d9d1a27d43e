import { inputFromSchema } from './schema-input';

describe('inputFromSchema', () => {
  it('fills required properties by type, first enum value, minimum or 1, true', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 2.5 },
        ratio: { type: 'number' },
        above: { type: 'number', exclusiveMinimum: 10 },
        verbose: { type: 'boolean' },
        skipped: { type: 'string' },
      },
      required: ['city', 'unit', 'days', 'ratio', 'above', 'verbose'],
    };

    expect(inputFromSchema(schema, ['Paris'])).toEqual({
      city: 'Paris',
      unit: 'celsius',
      days: 3,
      ratio: 1,
      above: 11,
      verbose: true,
    });
  });

  it('fills every property when `required` is absent, names when there are no words', () => {
    const schema = { properties: { from: { type: 'string' }, to: { type: ['string', 'null'] } } };
    expect(inputFromSchema(schema, [])).toEqual({ from: 'from', to: 'to' });
    expect(inputFromSchema(schema, ['Oslo', 'Rome'])).toEqual({ from: 'Oslo', to: 'Rome' });
  });

  it('builds arrays of one item and nested objects, the first of anyOf, const as is', () => {
    const schema = {
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' } },
        point: { type: 'object', properties: { x: { type: 'number' }, y: { const: 0 } } },
        either: { anyOf: [{ type: 'boolean' }, { type: 'string' }] },
      },
    };
    expect(inputFromSchema(schema, [])).toEqual({
      tags: ['tags'],
      point: { x: 1, y: 0 },
      either: true,
    });
  });

  it('stops nesting at a bounded depth', () => {
    const deep = (levels: number): Record<string, unknown> =>
      levels === 0 ? { type: 'string' } : { type: 'object', properties: { next: deep(levels - 1) } };
    expect(inputFromSchema(deep(10), [])).toEqual({ next: { next: { next: { next: {} } } } });
  });

  it('answers {} for a schema that is not an object schema', () => {
    expect(inputFromSchema({ type: 'string' }, [])).toEqual({});
    expect(inputFromSchema(undefined, [])).toEqual({});
  });

  it('keeps `__proto__` and `constructor` ordinary own keys, and reads no inherited schema', () => {
    // Arrange: JSON.parse makes an own `__proto__` property, as a request body does
    const schema = JSON.parse(
      '{"required":["__proto__","constructor","toString"],' +
        '"properties":{"__proto__":{"properties":{"error":{"const":"boom"}}}}}',
    ) as unknown;

    // Act
    const input = inputFromSchema(schema, []);

    // Assert
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(JSON.stringify(input)).toBe(
      '{"__proto__":{"error":"boom"},"constructor":"constructor","toString":"toString"}',
    );
  });
});
