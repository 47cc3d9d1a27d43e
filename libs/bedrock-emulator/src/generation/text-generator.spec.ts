import fc from 'fast-check';
import type { CanonicalPrompt } from './canonical-prompt';
import { generate } from './text-generator';
import { countTokens } from './tokenizer';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

function prompt(overrides: Partial<CanonicalPrompt> = {}): CanonicalPrompt {
  return {
    system: 'You are terse.',
    turns: [{ role: 'user', text: 'Explain how caching works in distributed systems.' }],
    maxTokens: 4096,
    stopSequences: [],
    documents: [],
    ...overrides,
  };
}

const CONTEXT = [
  '<context>',
  '<source id="1" uri="s3://kb/travel.md">',
  'Employees book flights through the travel portal. Business class needs director approval.',
  '</source>',
  '<source id="2" uri="s3://kb/office.md">',
  'The Berlin office opens at 8 am. Visitors sign in at the reception desk on the ground floor.',
  '</source>',
  '</context>',
].join('\n');

describe('generate', () => {
  it('is deterministic: same model, prompt and parameters give the same text', () => {
    expect(generate(MODEL, prompt())).toEqual(generate(MODEL, prompt()));
  });

  it('answers differently for a different question, model or temperature', () => {
    const base = generate(MODEL, prompt()).text;
    expect(
      generate(MODEL, prompt({ turns: [{ role: 'user', text: 'Why is the sky blue?' }] })).text,
    ).not.toBe(base);
    expect(generate('meta.llama3-8b-instruct-v1:0', prompt()).text).not.toBe(base);
    expect(generate(MODEL, prompt({ temperature: 0.1 })).text).not.toBe(base);
  });

  it('ends naturally (end_turn) when the budget is large enough', () => {
    const generation = generate(MODEL, prompt());
    expect(generation.stopReason).toBe('end_turn');
    expect(generation.text).toMatch(/\.$/);
    expect(generation.outputTokens).toBeGreaterThanOrEqual(16);
  });

  it('caps the text at max tokens, as a prefix of the uncapped answer', () => {
    const full = generate(MODEL, prompt());
    const capped = generate(MODEL, prompt({ maxTokens: 5 }));
    expect(capped.stopReason).toBe('max_tokens');
    expect(capped.outputTokens).toBe(5);
    expect(full.text.startsWith(capped.text)).toBe(true);
  });

  it('cuts the text at the earliest stop sequence and reports it', () => {
    const full = generate(MODEL, prompt()).text;
    const stop = full.split(' ')[4]!;
    const generation = generate(MODEL, prompt({ stopSequences: ['zzz-never', stop] }));
    expect(generation.stopReason).toBe('stop_sequence');
    expect(generation.stopSequence).toBe(stop);
    expect(generation.text).toBe(full.slice(0, full.indexOf(stop)));
  });

  it('prefers max_tokens when the budget runs out before the stop sequence', () => {
    const full = generate(MODEL, prompt()).text;
    const lastWord = full.split(' ').at(-1)!;
    const generation = generate(MODEL, prompt({ stopSequences: [lastWord], maxTokens: 3 }));
    expect(generation.stopReason).toBe('max_tokens');
    expect(generation.stopSequence).toBeNull();
  });

  it('answers with exactly the scripted text, still honouring stop sequences and max tokens', () => {
    expect(generate(MODEL, prompt(), 'Scripted answer. Second part.').text).toBe(
      'Scripted answer. Second part.',
    );
    expect(
      generate(MODEL, prompt({ stopSequences: [' Second'] }), 'Scripted answer. Second part.').text,
    ).toBe('Scripted answer.');
    expect(generate(MODEL, prompt({ maxTokens: 2 }), 'Scripted answer. Second part.').text).toBe(
      'Scripted answer',
    );
  });

  it('streams deltas that concatenate to the text and whose token counts add up', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 200 }), (question, maxTokens) => {
        const generation = generate(MODEL, prompt({ turns: [{ role: 'user', text: question }], maxTokens }));
        const counted = generation.deltas.reduce((sum, piece) => sum + piece.tokenCount, 0);
        return (
          generation.deltas.map((piece) => piece.text).join('') === generation.text &&
          counted === generation.outputTokens &&
          generation.outputTokens === countTokens(generation.text) &&
          generation.outputTokens <= maxTokens
        );
      }),
    );
  });

  it('counts input tokens over system, turns and documents', () => {
    const generation = generate(
      MODEL,
      prompt({
        system: 'Be brief.',
        turns: [{ role: 'user', text: 'Hi there!' }],
        documents: [{ title: 'T', text: 'A b.' }],
      }),
    );
    expect(generation.inputTokens).toBe(countTokens('Be brief.') + countTokens('Hi there!') + 1 + 3);
  });

  describe('with retrieved context', () => {
    it('answers extractively from a context block in the user turn, with citations', () => {
      const generation = generate(
        MODEL,
        prompt({
          turns: [{ role: 'user', text: `${CONTEXT}\n\nWhere do visitors sign in at the Berlin office?` }],
        }),
      );
      expect(generation.text).toContain('Visitors sign in at the reception desk on the ground floor.');
      expect(generation.text).not.toContain('director approval');
      expect(generation.citations.flatMap((citation) => citation.passageIndexes)).toContain(1);
      expect(generation.passages.map((passage) => passage.uri)).toEqual([
        's3://kb/travel.md',
        's3://kb/office.md',
      ]);
    });

    it('finds the context in the system prompt too, taking the question from the last user turn', () => {
      const generation = generate(
        MODEL,
        prompt({
          system: `Use the context.\n${CONTEXT}`,
          turns: [{ role: 'user', text: 'Who approves business class?' }],
        }),
      );
      expect(generation.text).toContain('Business class needs director approval.');
    });

    it('answers from native documents', () => {
      const generation = generate(
        MODEL,
        prompt({
          turns: [{ role: 'user', text: 'Who described universal gravitation?' }],
          documents: [{ title: 'Newton', text: 'Isaac Newton described universal gravitation in 1687.' }],
        }),
      );
      expect(generation.text).toBe('Isaac Newton described universal gravitation in 1687.');
      expect(generation.citations).toEqual([{ start: 0, end: generation.text.length, passageIndexes: [0] }]);
    });

    it('still caps an extractive answer at max tokens and drops citations past the cut', () => {
      const generation = generate(
        MODEL,
        prompt({ turns: [{ role: 'user', text: `${CONTEXT}\nWhere do visitors sign in?` }], maxTokens: 3 }),
      );
      expect(generation.outputTokens).toBe(3);
      expect(generation.stopReason).toBe('max_tokens');
      expect(generation.citations.every((citation) => citation.end <= generation.text.length)).toBe(true);
    });
  });
});
