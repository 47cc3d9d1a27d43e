import { StopSequenceCutter, cutAtStopSequence } from './stop-sequence-cutter';

describe('cutAtStopSequence', () => {
  it('cuts at the earliest of several stop sequences', () => {
    expect(cutAtStopSequence('one two three four', ['four', 'two'])).toEqual({ text: 'one ', stopped: true });
  });

  it('leaves text without a stop sequence whole', () => {
    expect(cutAtStopSequence('one two', ['three', 'tw!'])).toEqual({ text: 'one two', stopped: false });
    expect(cutAtStopSequence('one two', [])).toEqual({ text: 'one two', stopped: false });
  });
});

describe('StopSequenceCutter', () => {
  const run = (stops: string[], deltas: string[]) => {
    const cutter = new StopSequenceCutter(stops);
    const sent = deltas.map((delta) => cutter.push(delta));
    return { sent, rest: cutter.flush(), stopped: cutter.hasStopped };
  };

  it('finds a stop sequence split across deltas and sends nothing after it', () => {
    expect(run(['END'], ['abc E', 'N', 'D tail', 'more'])).toEqual({
      sent: ['abc ', '', '', ''],
      rest: '',
      stopped: true,
    });
  });

  it('holds back only a tail that could start a stop sequence, and sends it when it does not', () => {
    expect(run(['\n\nUser:'], ['Hello', ' there\n', '\nOK', ' bye'])).toEqual({
      sent: ['Hello', ' there', '\n\nOK', ' bye'],
      rest: '',
      stopped: false,
    });
  });

  it('gives back a held tail at the end of the text', () => {
    expect(run(['STOP'], ['go ST'])).toEqual({ sent: ['go '], rest: 'ST', stopped: false });
  });

  it('joins to what cutting the whole text gives, however the text is split', () => {
    const text = 'alpha beta gamma delta epsilon';
    const stops = ['gamma d', 'lon'];
    const whole = cutAtStopSequence(text, stops).text;
    for (let size = 1; size <= 7; size += 1) {
      const deltas = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      const { sent, rest } = run(stops, deltas);
      expect(sent.join('') + rest).toBe(whole);
    }
  });
});
