import { EmulatorError } from '../errors/emulator-error';
import { MAX_JSON_DEPTH, jsonDepth, parseJsonBody } from './request-context';

describe('parseJsonBody depth limit', () => {
  const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('measures depth without recursion, stopping past the limit', () => {
    expect(jsonDepth(1, 64)).toBe(0);
    expect(jsonDepth({ a: [{}] }, 64)).toBe(3);
    expect(jsonDepth(JSON.parse(nested(200_000)), 64)).toBe(65);
  });

  it('accepts exactly the limit and refuses one level more with a ValidationException', () => {
    expect(parseJsonBody(Buffer.from(nested(MAX_JSON_DEPTH)), false)).toBeDefined();

    expect(() => parseJsonBody(Buffer.from(nested(MAX_JSON_DEPTH + 1)), false)).toThrow(
      new EmulatorError('ValidationException', 400, 'The request body is nested deeper than 64 levels.'),
    );
  });
});
