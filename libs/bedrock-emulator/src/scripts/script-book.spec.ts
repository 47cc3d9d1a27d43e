import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptBook } from './script-book';
import { loadScriptFile } from './script-file';

const YAML_SCRIPT = `
rules:
  - prompt: weather
    model: claude-3-haiku
    text: It is sunny in Paris.
  - regex: "^tell me a (joke|story)"
    flags: i
    text: Once upon a time.
    latencyMs: 25
  - prompt: overload
    error: { type: ThrottlingException }
`;

describe('scripted responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scripts-'));

  it('refuses rules given in code as it refuses them in a file (bad error name, bad regex)', () => {
    expect(() => new ScriptBook([{ prompt: 'x', error: { type: 'a\r\nb' } }] as never)).toThrow(
      'Invalid script rule at 0.error.type',
    );
    expect(() => new ScriptBook([{ regex: '(', text: 'x' }])).toThrow(/Invalid regular expression/);
  });

  it('loads YAML and matches by substring + model, regex with flags, and errors', () => {
    const file = join(dir, 'script.yaml');
    writeFileSync(file, YAML_SCRIPT);
    const book = new ScriptBook(loadScriptFile(file));

    expect(book.match('the weather today?', ['claude-3-haiku'])).toEqual({
      latencyMs: 0,
      scriptedText: 'It is sunny in Paris.',
    });
    expect(book.match('the weather today?', ['other-model'])).toBeUndefined();
    expect(book.match('Tell me a STORY', [])).toEqual({ latencyMs: 25, scriptedText: 'Once upon a time.' });
    expect(book.match('overload now', [])?.error).toMatchObject({
      status: 429,
      errorType: 'ThrottlingException',
    });
    expect(book.match('nothing matches', [])).toBeUndefined();
  });

  it('loads a JSON array file', () => {
    const file = join(dir, 'script.json');
    writeFileSync(file, JSON.stringify([{ prompt: 'x', text: 'y' }]));

    expect(new ScriptBook(loadScriptFile(file)).match('xx', [])?.scriptedText).toBe('y');
  });

  it('reads a tool call, its input defaulting to {}', () => {
    const book = new ScriptBook([
      { prompt: 'order', toolUse: { name: 'lookup_order', input: { id: 'A-17' } }, text: 'Shipped.' },
      { prompt: 'ping', toolUse: { name: 'ping' } },
    ]);

    expect(book.match('my order', [])).toEqual({
      latencyMs: 0,
      scriptedText: 'Shipped.',
      scriptedToolUse: { name: 'lookup_order', input: { id: 'A-17' } },
    });
    expect(book.match('ping', [])?.scriptedToolUse).toEqual({ name: 'ping', input: {} });
  });

  it.each([
    [{ rules: [{ text: 'no matcher' }] }, /needs `prompt` or `regex`/],
    [{ rules: [{ prompt: 'p' }] }, /needs `text`, `toolUse`, `error` or `latencyMs`/],
    [{ rules: [{ prompt: 'p', toolUse: { name: 'bad name' } }] }, /toolUse\.name/],
    [{ rules: [{ prompt: 'p', toolUse: { name: 'ok', input: [1] } }] }, /toolUse\.input/],
    [{ rules: [{ prompt: 'p', text: 't', extra: 1 }] }, /Unrecognized key/],
    [{ rules: [{ regex: '(', text: 't' }] }, /Invalid regular expression/],
  ])('rejects a bad file with a message naming the file', (document, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(document));

    expect(() => loadScriptFile(file)).toThrow(message);
  });
});
