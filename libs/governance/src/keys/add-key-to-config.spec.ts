import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addKeyToConfig } from './add-key-to-config';

const EXAMPLE = readFileSync(join(__dirname, '../../../../examples/gateway-config.yaml'), 'utf8');

describe('addKeyToConfig', () => {
  it('adds the key and leaves every other line of the example file as it was (flow lists included)', () => {
    const { text } = addKeyToConfig(EXAMPLE, 'example', {
      tenantId: 'search',
      hash: 'a'.repeat(64),
      role: 'user',
      keyId: 'search-new',
      now: new Date('2026-01-01T00:00:00Z'),
    });

    const lines = text.split('\n');
    const start = lines.findIndex((line) => line.trim() === '- id: search-new');
    expect(lines.slice(start, start + 4).map((line) => line.trim())).toEqual([
      '- id: search-new',
      `hash: ${'a'.repeat(64)}`,
      'role: user',
      'created_at: 2026-01-01T00:00:00.000Z',
    ]);
    lines.splice(start, 4);
    expect(lines).toEqual(EXAMPLE.split('\n'));
  });
});
