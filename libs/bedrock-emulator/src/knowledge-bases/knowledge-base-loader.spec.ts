import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledgeBasesIn } from './knowledge-base-loader';
import { KnowledgeBases, SAMPLE_KNOWLEDGE_BASE_ID } from './knowledge-bases';

describe('knowledge-base loading', () => {
  let root: string;

  beforeAll(() => {
    // Arrange: one KB with kb.json, front matter and a sidecar; one bare folder
    root = mkdtempSync(join(tmpdir(), 'kb-loader-'));
    const hr = join(root, 'hr');
    mkdirSync(join(hr, 'leave'), { recursive: true });
    writeFileSync(
      join(hr, 'kb.json'),
      JSON.stringify({ id: 'KBHRPOLICY', name: 'hr', description: 'HR', dataSourceId: 'DSHR000001' }),
    );
    writeFileSync(
      join(hr, 'leave', 'holidays.md'),
      '---\ntitle: Holidays\nyear: 2024\ntags: [leave]\n---\n# Ignored heading\nStaff take holidays in August.',
    );
    writeFileSync(
      join(hr, 'leave', 'holidays.md.metadata.json'),
      JSON.stringify({
        metadataAttributes: { year: 2025, country: { value: { type: 'STRING', stringValue: 'PT' } } },
      }),
    );
    writeFileSync(join(hr, 'notes.txt'), 'Plain text notes about payroll.');
    writeFileSync(join(hr, 'image.png'), 'not a document');
    mkdirSync(join(root, 'bare'));
    writeFileSync(join(root, 'bare', 'readme.md'), '# Bare KB\nNo kb.json here.');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads kb.json, front matter and sidecars (sidecar wins), and only document files', () => {
    // Act
    const [bare, hr] = loadKnowledgeBasesIn(root);

    // Assert
    expect(hr!.definition).toEqual({
      id: 'KBHRPOLICY',
      name: 'hr',
      description: 'HR',
      dataSourceId: 'DSHR000001',
      bucket: 'bedrock-local-kb-hr',
    });
    expect(hr!.documents.map((document) => document.path)).toEqual(['leave/holidays.md', 'notes.txt']);
    expect(hr!.documents[0]).toMatchObject({
      title: 'Holidays',
      text: '# Ignored heading\nStaff take holidays in August.',
      metadata: { title: 'Holidays', year: 2025, tags: ['leave'], country: 'PT' },
    });
    expect(bare!.definition.id).toMatch(/^KB[0-9A-Z]{8}$/);
    expect(bare!.documents[0]!.title).toBe('Bare KB');
  });

  it('derives the same id for the same folder every time', () => {
    expect(loadKnowledgeBasesIn(root)[0]!.definition).toEqual(loadKnowledgeBasesIn(root)[0]!.definition);
  });

  it('loads the sample knowledge base plus every folder under dirs', async () => {
    const kbs = await KnowledgeBases.load({ dirs: [root] });

    const ids = kbs.list().map((kb) => kb.id);
    expect(ids).toContain(SAMPLE_KNOWLEDGE_BASE_ID);
    expect(ids).toContain('KBHRPOLICY');
    const page = kbs.retrieve('KBHRPOLICY', { retrievalQuery: { text: 'August holidays' } });
    expect(JSON.stringify(page)).toContain('s3://bedrock-local-kb-hr/leave/holidays.md');
  });

  it('fails fast on a missing directory or an invalid id', async () => {
    await expect(KnowledgeBases.load({ dirs: [join(root, 'nope')] })).rejects.toThrow('not found');
    const bad = mkdtempSync(join(tmpdir(), 'kb-bad-'));
    mkdirSync(join(bad, 'x'));
    writeFileSync(join(bad, 'x', 'kb.json'), JSON.stringify({ id: 'short' }));
    expect(() => loadKnowledgeBasesIn(bad)).toThrow('10 letters or digits');
    rmSync(bad, { recursive: true, force: true });
  });
});
