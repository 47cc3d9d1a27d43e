import { emulatorErrorOf } from '../testing/spec-helpers';
import { readMistralTools } from './mistral-tools';

function tool(name: string): Record<string, unknown> {
  return { type: 'function', function: { name, parameters: { type: 'object', properties: {} } } };
}

describe('readMistralTools', () => {
  it('accepts a function name of up to 64 letters, digits, underscores and dashes', () => {
    const name = `get-${'x'.repeat(60)}`;
    expect(readMistralTools([tool(name)], undefined, [])?.specs.map((spec) => spec.name)).toEqual([name]);
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['40,000 characters', 'x'.repeat(40_000)],
    ['a space', 'get weather'],
  ])("refuses a function name that is %s with Mistral's wording, shortened", (_case, name) => {
    // Act
    const error = emulatorErrorOf(() => readMistralTools([tool(name)], undefined, []));

    // Assert
    expect(error.status).toBe(400);
    expect(error.message).toMatch(
      /^Function name was .{1,81} but must be a-z, A-Z, 0-9, or contain underscores/,
    );
  });
});
