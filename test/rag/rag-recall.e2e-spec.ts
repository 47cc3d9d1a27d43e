import type { BedrockEmulator } from '@app/bedrock-emulator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';
import { askRag } from './support/rag-e2e';

// Retrieval quality through the whole gateway with its defaults (max_results 5, min_score 0.15,
// max_context_length 3000): the labelled questions shipped with the sample knowledge base, each naming
// the document that answers it. The right document must be among the first three sources.
interface Labelled {
  question: string;
  document: string;
}
const EVAL_FILE = join(__dirname, '../../libs/bedrock-emulator/knowledge-bases/general.eval.json');
const LABELLED = (JSON.parse(readFileSync(EVAL_FILE, 'utf8')) as { questions: Labelled[] }).questions;

describe('POST /bedrock/chat/rag — recall@3 on the labelled set of the sample knowledge base', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('finds the answering document among the first three sources for at least 90% of the questions', async () => {
    // Arrange
    expect(LABELLED.length).toBeGreaterThanOrEqual(15);
    // Act
    const misses: string[] = [];
    for (const { question, document } of LABELLED) {
      const { status, json } = await askRag(gateway, { message: question });
      expect(status).toBe(200);
      const firstThree = (json.sources as { source_uri: string }[]).slice(0, 3).map((s) => s.source_uri);
      if (!firstThree.some((uri) => uri.endsWith(`/${document}`))) misses.push(`${document} ← ${question}`);
    }
    // Assert
    const recall = (LABELLED.length - misses.length) / LABELLED.length;
    process.stdout.write(
      `\nRAG recall@3: ${(recall * 100).toFixed(1)}% (${LABELLED.length - misses.length}/${LABELLED.length})` +
        `${misses.length > 0 ? `; missed:\n  ${misses.join('\n  ')}` : ''}\n`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
