import type { CanonicalPrompt } from '../generation/canonical-prompt';
import { decideToolUse } from './tool-use';

function askingWith(question: string, names: string[]): CanonicalPrompt {
  return {
    system: '',
    turns: [{ role: 'user', text: question }],
    maxTokens: 10,
    stopSequences: [],
    documents: [],
    tools: {
      specs: names.map((name) => ({ name, inputSchema: {} })),
      choice: { type: 'auto' },
      answersToolResult: false,
    },
  };
}

describe('decideToolUse with auto', () => {
  it('calls the tool the question names as a whole word, case-insensitive, regex characters as text', () => {
    expect(decideToolUse('m', askingWith('please GET_weather now', ['get_weather']))?.name).toBe(
      'get_weather',
    );
    expect(decideToolUse('m', askingWith('run a.b(c)+ please', ['x', 'a.b(c)+']))?.name).toBe('a.b(c)+');
    expect(decideToolUse('m', askingWith('get_weathers or my-get_weather', ['get_weather']))).toBeUndefined();
  });

  it('reads a name of 40,000 characters as text, never as a pattern', () => {
    // Arrange: the name once went into a RegExp ("Regular expression too large", 500)
    const name = 'x'.repeat(40_000);

    // Act
    const named = decideToolUse('m', askingWith(`call ${name} now`, [name]));
    const unnamed = decideToolUse('m', askingWith('hi', [name]));

    // Assert
    expect(named?.name).toBe(name);
    expect(unnamed).toBeUndefined();
  });
});
