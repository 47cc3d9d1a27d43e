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

  it('reads files saved with a UTF-8 byte order mark as without one', () => {
    // Arrange: Windows editors start UTF-8 files with U+FEFF; the front matter must still be found.
    const bom = mkdtempSync(join(tmpdir(), 'kb-bom-'));
    mkdirSync(join(bom, 'ops'));
    writeFileSync(join(bom, 'ops', 'kb.json'), `\uFEFF${JSON.stringify({ id: 'KBOPSBOM01' })}`);
    writeFileSync(
      join(bom, 'ops', 'hours.md'),
      '\uFEFF---\r\ntitle: Hours\r\nteam: ops\r\n---\r\nWe open at nine.\r\n',
    );
    writeFileSync(
      join(bom, 'ops', 'hours.md.metadata.json'),
      `\uFEFF${JSON.stringify({ metadataAttributes: { year: 2026 } })}`,
    );
    writeFileSync(join(bom, 'ops', 'plain.txt'), '\uFEFFPlain text.');

    // Act
    const [ops] = loadKnowledgeBasesIn(bom);
    rmSync(bom, { recursive: true, force: true });

    // Assert
    expect(ops!.definition.id).toBe('KBOPSBOM01');
    expect(ops!.documents[0]).toMatchObject({
      title: 'Hours',
      text: 'We open at nine.',
      metadata: { title: 'Hours', team: 'ops', year: 2026 },
    });
    expect(ops!.documents[1]!.text).toBe('Plain text.');
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

  describe('a bad file stops the load with one line naming it', () => {
    let bad: string;
    beforeEach(() => {
      bad = mkdtempSync(join(tmpdir(), 'kb-bad-file-'));
      mkdirSync(join(bad, 'kb'));
    });
    afterEach(() => rmSync(bad, { recursive: true, force: true }));

    const loadError = (): Error => {
      try {
        loadKnowledgeBasesIn(bad);
      } catch (error) {
        return error as Error;
      }
      throw new Error('expected the load to fail');
    };

    it('kb.json that is not JSON', () => {
      // Arrange
      writeFileSync(join(bad, 'kb', 'kb.json'), '{bad');
      // Act
      const { message } = loadError();
      // Assert
      expect(message).toMatch(/^\S+\/kb\/kb\.json: not valid JSON: Expected property name/);
      expect(message).toContain(join(bad, 'kb', 'kb.json'));
      expect(message).not.toContain('\n');
    });

    it('a document whose front matter is not YAML, at its line in the file', () => {
      // Arrange
      writeFileSync(join(bad, 'kb', 'fine.md'), '# Fine\nNothing wrong here.');
      writeFileSync(join(bad, 'kb', 'broken.md'), '---\ntitle: ok\ntags: [unclosed\n---\nBody.');
      // Act
      const { message } = loadError();
      // Assert
      expect(message).toMatch(
        new RegExp(
          `^${escape(join(bad, 'kb', 'broken.md'))}: invalid YAML front matter at line \\d+, column \\d+: \\S`,
        ),
      );
      expect(message).not.toContain('\n');
    });

    it('a front matter error gives the line as counted in the document', () => {
      // Arrange: the duplicate key is on the document's line 3 (line 2 of the front matter)
      writeFileSync(join(bad, 'kb', 'twice.md'), '---\ntitle: a\ntitle: b\n---\nBody.');
      // Act
      const { message } = loadError();
      // Assert
      expect(message).toBe(
        `${join(bad, 'kb', 'twice.md')}: invalid YAML front matter at line 3, column 1: Map keys must be unique`,
      );
    });

    it('a metadata sidecar that is not JSON', () => {
      // Arrange
      writeFileSync(join(bad, 'kb', 'doc.md'), 'A document.');
      writeFileSync(join(bad, 'kb', 'doc.md.metadata.json'), '{"metadataAttributes": ');
      // Act
      const { message } = loadError();
      // Assert
      expect(message).toMatch(
        new RegExp(`^${escape(join(bad, 'kb', 'doc.md.metadata.json'))}: not valid JSON: \\S`),
      );
      expect(message).not.toContain('\n');
    });

    it('a metadata sidecar without metadataAttributes (Bedrock reads no other shape)', () => {
      // Arrange
      writeFileSync(join(bad, 'kb', 'doc.md'), 'A document.');
      writeFileSync(join(bad, 'kb', 'doc.md.metadata.json'), '{"team": "hr"}');
      // Act
      const { message } = loadError();
      // Assert
      expect(message).toBe(
        `${join(bad, 'kb', 'doc.md.metadata.json')}: not a Bedrock metadata file: expected {"metadataAttributes": {…}}`,
      );
    });

    it('KnowledgeBases.check throws the same, without indexing anything', () => {
      // Arrange
      writeFileSync(join(bad, 'kb', 'kb.json'), '{bad');
      // Act, Assert
      expect(() => KnowledgeBases.check({ dirs: [bad] })).toThrow(
        `${join(bad, 'kb', 'kb.json')}: not valid JSON`,
      );
    });

    it("KnowledgeBases.check refuses a folder reusing the sample's id", () => {
      // Arrange
      writeFileSync(join(bad, 'kb', 'kb.json'), JSON.stringify({ id: SAMPLE_KNOWLEDGE_BASE_ID }));
      // Act, Assert
      expect(() => KnowledgeBases.check({ dirs: [bad] })).toThrow(
        `Knowledge base id ${SAMPLE_KNOWLEDGE_BASE_ID} is used by`,
      );
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
