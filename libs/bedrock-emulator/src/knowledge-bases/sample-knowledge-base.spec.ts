import { existsSync } from 'node:fs';
import { join } from 'node:path';
import evaluation from '../../knowledge-bases/general.eval.json';
import { KnowledgeBases, SAMPLE_KNOWLEDGE_BASE_ID, sampleKnowledgeBaseDir } from './knowledge-bases';

interface Page {
  retrievalResults: { location: { s3Location: { uri: string } } }[];
}

/** Labelled questions for the sample knowledge base: recall@3 = share whose document is among the first three. */
describe('sample knowledge base (KBGENERAL1)', () => {
  let kbs: KnowledgeBases;

  beforeAll(async () => {
    kbs = await KnowledgeBases.load();
  });

  it('holds at least 30 documents and a labelled set of at least 20 questions', () => {
    const sample = kbs.list().find((kb) => kb.id === SAMPLE_KNOWLEDGE_BASE_ID);

    expect(sample).toMatchObject({ name: 'general' });
    expect(sample!.documents).toBeGreaterThanOrEqual(30);
    expect(evaluation.questions.length).toBeGreaterThanOrEqual(20);
  });

  it.each(['HYBRID', 'SEMANTIC'])('reaches recall@3 of at least 0.9 with %s search', (searchType) => {
    // Act
    const misses: string[] = [];
    for (const { question, document } of evaluation.questions) {
      const page = kbs.retrieve(SAMPLE_KNOWLEDGE_BASE_ID, {
        retrievalQuery: { text: question },
        retrievalConfiguration: {
          vectorSearchConfiguration: { numberOfResults: 3, overrideSearchType: searchType },
        },
      }) as unknown as Page;
      const files = page.retrievalResults.map((result) => result.location.s3Location.uri.split('/').pop());
      if (!files.includes(document))
        misses.push(`${question} → expected ${document}, got ${files.join(', ')}`);
    }
    const recall = 1 - misses.length / evaluation.questions.length;
    console.log(
      `recall@3 (${searchType}) = ${recall.toFixed(3)} over ${evaluation.questions.length} questions` +
        (misses.length > 0 ? `\nmisses:\n  ${misses.join('\n  ')}` : ''),
    );

    // Assert
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('labels only documents that exist in the sample folder', () => {
    for (const { document } of evaluation.questions) {
      expect(existsSync(join(sampleKnowledgeBaseDir(), document))).toBe(true);
    }
  });
});
