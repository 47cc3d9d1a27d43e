import { PatternMatcher } from './pattern-matcher';

describe('PatternMatcher', () => {
  it('matches exact names and `*` globs over the whole name, across dots, colons and slashes', () => {
    // Arrange
    const matcher = new PatternMatcher([
      'claude-3-haiku',
      'anthropic.claude-3-5-*',
      'arn:aws:bedrock:*:*:foundation-model/meta.*',
    ]);

    // Act / Assert
    expect(matcher.matches('claude-3-haiku')).toBe(true);
    expect(matcher.matches('anthropic.claude-3-5-sonnet-20240620-v1:0')).toBe(true);
    expect(matcher.matches('arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-8b-instruct-v1:0')).toBe(
      true,
    );
    expect(matcher.matches('claude-3-haiku-2')).toBe(false);
    expect(matcher.matches('xanthropic.claude-3-5-sonnet')).toBe(false);
    expect(matcher.matches('anthropicXclaude-3-5-sonnet')).toBe(false);
  });

  it('allows everything when no list is given and nothing for an empty list', () => {
    // Act / Assert
    expect(new PatternMatcher(undefined).matches('anything')).toBe(true);
    expect(new PatternMatcher([]).matchesAny(['claude-3-haiku', 'anthropic.claude'])).toBe(false);
  });

  it('accepts when either the alias or the id is listed, ignoring missing names', () => {
    // Arrange
    const matcher = new PatternMatcher(['anthropic.*']);

    // Act / Assert
    expect(matcher.matchesAny(['claude-3-haiku', 'anthropic.claude-3-haiku-20240307-v1:0'])).toBe(true);
    expect(matcher.matchesAny([null, undefined, ''])).toBe(false);
  });
});
