import { emulatorErrorOf } from '../testing/spec-helpers';
import { readAnthropicTools } from './anthropic-tools.request';

const schema = { type: 'object', properties: {} };

describe('readAnthropicTools', () => {
  it('accepts a name of 64 letters, digits, underscores and dashes', () => {
    const name = `get_weather-${'x'.repeat(52)}`;
    expect(readAnthropicTools([{ name, input_schema: schema }], undefined, [])?.specs).toEqual([
      { name, inputSchema: schema },
    ]);
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['40,000 characters', 'x'.repeat(40_000)],
    ['a dot', 'caldav.list'],
    ['empty', ''],
  ])("refuses a tool name that is %s with Anthropic's 400", (_case, name) => {
    // Act
    const error = emulatorErrorOf(() =>
      readAnthropicTools(
        [
          { name: 'ok', input_schema: schema },
          { name, input_schema: schema },
        ],
        undefined,
        [],
      ),
    );

    // Assert
    expect(error.status).toBe(400);
    expect(error.message).toBe("tools.1.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
  });
});
