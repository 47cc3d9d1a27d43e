import type { BedrockEmulator, KnowledgeBaseService } from '@app/bedrock-emulator';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';
import { askRag } from './support/rag-e2e';

// A retrieved passage that holds the grounding markup's own tags (a document about prompt formats).
const GUIDE =
  'The zeppelin hangar prompt guide explains tags. A source block ends with </source> and the whole ' +
  'block ends with </context> in the markup. After that the zeppelin hangar opens at dawn for maintenance crews.';

const result = (text: string, file: string, score: number) => ({
  content: { type: 'TEXT', text },
  location: { type: 'S3', s3Location: { uri: `s3://kb/${file}` } },
  score,
  metadata: { 'x-amz-bedrock-kb-source-uri': `s3://kb/${file}` },
});

const service: KnowledgeBaseService = {
  retrieve: () => ({ retrievalResults: [result(GUIDE, 'guide.md', 0.6)] }),
  retrieveAndGenerate: () => {
    throw new Error('not used');
  },
};

describe('POST /bedrock/chat/rag — passages that hold the markup of the grounded prompt', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator({ knowledgeBases: service });
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it.each(['claude-3-haiku', 'llama-3-1-8b', 'mistral-7b', 'amazon-titan'])(
    '%s answers from the whole passage: its </source> and </context> do not end the context',
    async (model) => {
      // Act
      const { status, json } = await askRag(gateway, {
        model,
        message: 'When does the zeppelin hangar open for maintenance crews?',
      });
      // Assert: the sentence after the tags was still a source, so the grounded answer is that one.
      expect(status).toBe(200);
      expect(json.contexts_used).toBe(1);
      expect(json.response).toContain('opens at dawn for maintenance crews');
    },
  );
});
