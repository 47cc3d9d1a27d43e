import MiniSearch from 'minisearch';
import { CHARS_PER_TOKEN, extractiveAnswer, NO_ANSWER_TEXT } from './extractive-answer';

const passages = [
  {
    text:
      '# Travel\nEmployees book flights through the travel portal. Economy class is the default for flights under six hours. ' +
      'Business class needs director approval.',
  },
  { text: 'The Berlin office opens at 8 am. Visitors sign in at the reception desk on the ground floor.' },
  {
    text: 'Laptops are replaced every three years. Lost laptops must be reported to security within 24 hours.',
  },
];

describe('extractiveAnswer', () => {
  it('answers with the best matching sentence and cites the passage it came from', () => {
    // Act
    const answer = extractiveAnswer('Where do visitors sign in at the Berlin office?', passages);

    // Assert
    expect(answer.text).toContain('Visitors sign in at the reception desk on the ground floor.');
    const cited = answer.citations.flatMap((citation) => citation.passageIndexes);
    expect(cited).toContain(1);
    expect(cited).not.toContain(2);
  });

  it('searches with the first 64 distinct terms of a long question, each once', () => {
    const search = jest.spyOn(MiniSearch.prototype, 'search');
    try {
      const words = Array.from({ length: 200 }, (_, i) => `visitorword${i}`).join(' ');
      extractiveAnswer(`Where do visitors sign in? ${'visitors sign '.repeat(5000)} ${words}`, passages);

      const query = search.mock.calls.at(-1)?.[0];
      if (typeof query !== 'string') throw new Error('searched with a query object');
      expect(query.split(' ')).toHaveLength(64);
      expect(new Set(query.split(' ')).size).toBe(64);
      expect(query.startsWith('visitors sign visitorword0 ')).toBe(true); // stop words dropped
    } finally {
      search.mockRestore();
    }
  });

  it('gives spans that slice exactly the cited sentences out of the answer text', () => {
    const answer = extractiveAnswer('What class do employees fly and who approves business class?', passages);

    expect(answer.citations.length).toBeGreaterThanOrEqual(1);
    expect(answer.citations.length).toBeLessThanOrEqual(3);
    const sliced = answer.citations.map((citation) => answer.text.slice(citation.start, citation.end));
    expect(sliced.join(' ')).toBe(answer.text);
    for (const [i, citation] of answer.citations.entries()) {
      const sentence = sliced[i]!;
      expect(citation.passageIndexes.some((p) => passages[p]!.text.includes(sentence))).toBe(true);
    }
  });

  it('keeps the chosen sentences in reading order', () => {
    const answer = extractiveAnswer('business class flights economy class', passages);

    expect(answer.text.indexOf('Economy class')).toBeLessThan(answer.text.indexOf('Business class'));
  });

  it('says so when nothing in the context is relevant', () => {
    const answer = extractiveAnswer('What is the recipe for sourdough bread?', passages);

    expect(answer).toEqual({ text: NO_ANSWER_TEXT, citations: [] });
  });

  it('does not answer a multi-term question from one shared word', () => {
    const answer = extractiveAnswer('Who won the football world cup?', [
      { text: 'Wash your cup after using it.' },
    ]);

    expect(answer).toEqual({ text: NO_ANSWER_TEXT, citations: [] });
  });

  it('says so when there are no passages or only headings', () => {
    expect(extractiveAnswer('travel', []).text).toBe(NO_ANSWER_TEXT);
    expect(extractiveAnswer('travel', [{ text: '# Travel' }]).text).toBe(NO_ANSWER_TEXT);
  });

  it('cites every passage that carries a repeated sentence', () => {
    const repeated = 'Badges are collected from the security office.';
    const answer = extractiveAnswer('Where are badges collected?', [
      { text: repeated },
      { text: 'Unrelated words here.' },
      { text: repeated },
    ]);

    expect(answer.citations).toEqual([{ start: 0, end: repeated.length, passageIndexes: [0, 2] }]);
  });

  it('honours maxTokens, cutting at a word boundary', () => {
    const answer = extractiveAnswer('Where do visitors sign in?', passages, 5);

    expect(answer.text.length).toBeLessThanOrEqual(5 * CHARS_PER_TOKEN);
    expect(answer.text.length).toBeGreaterThan(0);
    expect('Visitors sign in at the reception desk'.startsWith(answer.text)).toBe(true);
    expect(answer.citations[0]).toEqual({ start: 0, end: answer.text.length, passageIndexes: [1] });
  });

  it('is deterministic', () => {
    const question = 'laptops lost replaced';
    expect(extractiveAnswer(question, passages)).toEqual(extractiveAnswer(question, passages));
  });

  describe('a long question word', () => {
    const longWord = `${'a'.repeat(40)}b`;
    const coded = [{ text: `The door code is ${longWord} for now.` }];

    it('still matches exactly, but not fuzzily past 32 characters', () => {
      expect(extractiveAnswer(`What is ${longWord}?`, coded).text).toBe(
        `The door code is ${longWord} for now.`,
      );
      expect(extractiveAnswer(`${'a'.repeat(40)}c`, coded).text).toBe(NO_ANSWER_TEXT);
    });

    it('of 60,000 characters answers at once (fuzzy matching once asked for ~4 GB)', () => {
      // Act (no timed assertion: the old matrix took seconds and gigabytes, past jest's own timeout)
      const answer = extractiveAnswer('a'.repeat(60_000), [...passages, ...coded]);

      // Assert
      expect(answer.text).toBe(NO_ANSWER_TEXT);
    });
  });
});
