import { StreamTally } from './stream-tally';

describe('StreamTally', () => {
  it('keeps the latest reported figures', () => {
    const tally = new StreamTally();
    tally.add({ inputTokens: 12, outputTokens: 1 });
    tally.add({ text: 'Hel' });
    tally.add({ stopReason: 'end_turn', outputTokens: 9 });
    expect(tally.totals).toEqual({ stopReason: 'end_turn', inputTokens: 12, outputTokens: 9 });
  });

  it('charges a stream cut short at least one output token per text chunk it delivered', () => {
    const tally = new StreamTally();
    tally.add({ inputTokens: 12, outputTokens: 1 });
    for (const text of ['A', ' guard', ' that', '']) tally.add({ text });
    expect(tally.unfinished()).toEqual({ stopReason: 'other', inputTokens: 12, outputTokens: 3 });
    tally.add({ outputTokens: 40 });
    expect(tally.unfinished().outputTokens).toBe(40);
  });

  it('leaves unknown counts unknown when nothing was delivered', () => {
    expect(new StreamTally().unfinished()).toEqual({
      stopReason: 'other',
      inputTokens: null,
      outputTokens: null,
    });
  });
});
