import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScriptFile } from './script-file';

describe('loadScriptFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-local-script-file-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the JSON and YAML forms, a rules document or a bare list', () => {
    const rule = { prompt: 'capital', text: 'Paris.' };

    expect(loadScriptFile(file('a.json', JSON.stringify({ rules: [rule] })))).toEqual([rule]);
    expect(loadScriptFile(file('b.yaml', '- prompt: capital\n  text: Paris.\n'))).toEqual([rule]);
  });

  it.each([
    ['bad.json', '{"rules":[{"prompt":"x","text":"y"},]}'],
    ['bad.yaml', 'rules:\n  - prompt: x\n    text: [unclosed\n'],
  ])('names the file whose syntax is wrong (%s), as it does for a wrong rule', (name, text) => {
    const path = file(name, text);

    expect(() => loadScriptFile(path)).toThrow(new RegExp(`^${path.replace(/[.\\/]/g, '\\$&')}: \\S`));
  });
});
