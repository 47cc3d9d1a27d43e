import { inheritedKeyPath } from './inherited-keys';

describe('inheritedKeyPath', () => {
  it('finds a key named after an Object.prototype member at any depth, with its path', () => {
    expect(inheritedKeyPath({ message: 'hi', toString: 1 })).toBe('toString');
    expect(inheritedKeyPath({ messages: [{ role: 'user', content: 'hi', valueOf: 'x' }] })).toBe(
      'messages.0.valueOf',
    );
    expect(inheritedKeyPath({ metadata: { team: 'a', constructor: 'b' } })).toBe('metadata.constructor');
    expect(inheritedKeyPath(JSON.parse('{"a":{"__proto__":1}}'))).toBe('a.__proto__');
  });

  it('passes bodies without such keys, and values that merely spell one', () => {
    expect(
      inheritedKeyPath({ message: 'toString', metadata: { team: 'constructor' }, stop: ['valueOf'] }),
    ).toBeNull();
    expect(inheritedKeyPath({ tostring: 1, ToString: 2, constructors: 3 })).toBeNull();
    expect(inheritedKeyPath(undefined)).toBeNull();
    expect(inheritedKeyPath('text')).toBeNull();
  });

  it('walks nesting far beyond the call stack without recursion', () => {
    const deep = JSON.parse('{"a":'.repeat(100_000) + '{"hasOwnProperty":1}' + '}'.repeat(100_000));
    expect(inheritedKeyPath(deep)?.endsWith('a.a.hasOwnProperty')).toBe(true);
  });
});
