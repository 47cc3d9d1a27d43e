import { emulatorErrorOf } from '../testing/spec-helpers';
import { parameterSchema, readCohereTools } from './cohere-tools';

describe('readCohereTools', () => {
  it('reads each tool as an auto choice, with its parameter definitions as a JSON Schema', () => {
    // Arrange
    const tools = [
      {
        name: 'get_weather',
        description: 'Weather',
        parameter_definitions: { city: { type: 'str', description: 'City', required: true } },
      },
    ];

    // Act
    const request = readCohereTools(tools, undefined);

    // Assert
    expect(request).toEqual({
      specs: [
        {
          name: 'get_weather',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
      choice: { type: 'auto' },
      answersToolResult: false,
    });
  });

  it('answers tool results in text, and reads no tools as none', () => {
    const results = [
      { call: { name: 'get_weather', parameters: { city: 'Paris' } }, outputs: [{ text: 'sun' }] },
    ];
    expect(readCohereTools([{ name: 'get_weather' }], results)?.answersToolResult).toBe(true);
    expect(readCohereTools([{ name: 'get_weather' }], [])?.answersToolResult).toBe(false);
    expect(readCohereTools(undefined, results)).toBeUndefined();
  });

  it.each([
    ['a tool that is not an object', ['x'], '#/tools/0: expected type: JSONObject'],
    ['a tool without a name', [{ description: 'd' }], '#/tools/0/name: expected type: String'],
    [
      'a definition that is not an object',
      [{ name: 't', parameter_definitions: { city: 'str' } }],
      '#/tools/0/parameter_definitions/city: expected type: JSONObject',
    ],
  ])('rejects %s naming the field', (_name, tools, message) => {
    const error = emulatorErrorOf(() => readCohereTools(tools, undefined));
    expect(error.errorType).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});

describe('parameterSchema', () => {
  it('maps the Python type names, and List[…] to an array of its item type', () => {
    const schema = parameterSchema({
      a: { type: 'str' },
      b: { type: 'int' },
      c: { type: 'float' },
      d: { type: 'bool' },
      e: { type: 'list' },
      f: { type: 'List[int]' },
      g: { type: 'dict' },
      h: { type: 'Dict[str, int]' },
      i: { type: 'datetime' },
      j: {},
    });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'integer' },
        c: { type: 'number' },
        d: { type: 'boolean' },
        e: { type: 'array', items: { type: 'string' } },
        f: { type: 'array', items: { type: 'integer' } },
        g: { type: 'object', properties: {} },
        h: { type: 'object', properties: {} },
        i: { type: 'string' },
        j: { type: 'string' },
      },
    });
  });

  it('requires only the parameters marked required: true', () => {
    const schema = parameterSchema({
      a: { type: 'str', required: true },
      b: { type: 'str', required: false },
    });
    expect(schema.required).toEqual(['a']);
  });
});
