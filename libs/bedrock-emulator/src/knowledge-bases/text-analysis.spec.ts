import { countWords, processTerm, splitSentences } from './text-analysis';

describe('splitSentences', () => {
  it('splits lines and sentences, strips markdown markers and keeps offsets into the original', () => {
    // Arrange
    const text =
      '# Leave policy\n\n- Staff get **25 days**. Carry over 5 days!\n1. Ask your manager? Yes, in Workday.';

    // Act
    const sentences = splitSentences(text);

    // Assert
    expect(sentences.map((s) => s.text)).toEqual([
      'Leave policy',
      'Staff get 25 days.',
      'Carry over 5 days!',
      'Ask your manager?',
      'Yes, in Workday.',
    ]);
    expect(sentences[0]!.heading).toBe(true);
    expect(sentences[1]!.heading).toBe(false);
    for (const sentence of sentences) {
      expect(text.slice(sentence.start, sentence.end).replace(/\*\*/g, '')).toBe(sentence.text);
    }
  });

  it('does not split inside decimals or before lower-case words', () => {
    expect(splitSentences('Version 2.5 is current, e.g. for builds. Next one.').map((s) => s.text)).toEqual([
      'Version 2.5 is current, e.g. for builds.',
      'Next one.',
    ]);
  });
});

describe('processTerm', () => {
  it('drops stop words and folds plurals', () => {
    expect(processTerm('The')).toBeNull();
    expect(processTerm('Policies')).toBe('policy');
    expect(processTerm('expenses')).toBe('expense');
    expect(processTerm('access')).toBe('access');
    expect(processTerm("manager's")).toBe('manager');
    expect(processTerm('S3')).toBe('s3');
  });

  it('counts words', () => {
    expect(countWords('  one two\nthree ')).toBe(3);
    expect(countWords('   ')).toBe(0);
  });
});
