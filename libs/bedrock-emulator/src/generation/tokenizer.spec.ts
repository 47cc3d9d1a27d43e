import fc from 'fast-check';
import { countTokens, tokenize } from './tokenizer';

describe('tokenizer', () => {
  it('splits roughly at word and punctuation level', () => {
    expect(tokenize('Hello, world!')).toEqual(['Hello', ',', ' world', '!']);
    expect(countTokens('The cat sat on the mat.')).toBe(7);
    expect(countTokens('')).toBe(0);
  });

  it('keeps trailing whitespace as a token so nothing is lost', () => {
    expect(tokenize('end \n')).toEqual(['end', ' \n']);
  });

  it('always concatenates back to the text', () => {
    fc.assert(fc.property(fc.string(), (text) => tokenize(text).join('') === text));
  });

  it('re-tokenizes any prefix of the tokens to the same tokens (running stream counts stay exact)', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (text, cut) => {
        const tokens = tokenize(text);
        const prefix = tokens.slice(0, cut % (tokens.length + 1));
        return countTokens(prefix.join('')) === prefix.length;
      }),
    );
  });
});
