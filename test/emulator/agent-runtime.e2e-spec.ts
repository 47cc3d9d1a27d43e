import { RetrieveAndGenerateCommand, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import type { BedrockEmulator, KnowledgeBaseService } from '@app/bedrock-emulator';
import { HAIKU_3, addHeader, agentClient, rejectionOf, startEmulator } from './support/emulator-harness';

/** RetrieveAndGenerate over the sample knowledge base with Claude 3 Haiku. */
const refundQuestion = () =>
  new RetrieveAndGenerateCommand({
    input: { text: 'What is the refund policy?' },
    retrieveAndGenerateConfiguration: {
      type: 'KNOWLEDGE_BASE',
      knowledgeBaseConfiguration: {
        knowledgeBaseId: 'KBGENERAL1',
        modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`,
      },
    },
  });

describe('bedrock-agent-runtime over h2c with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('Retrieve on the sample knowledge base answers scored results', async () => {
    const output = await agentClient(emulator).send(
      new RetrieveCommand({ knowledgeBaseId: 'KBGENERAL1', retrievalQuery: { text: 'refund policy' } }),
    );

    expect(output.retrievalResults!.length).toBeGreaterThan(0);
    for (const result of output.retrievalResults!) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    expect(emulator.requests).toMatchObject([
      { operation: 'Retrieve', protocol: '2.0', knowledgeBaseId: 'KBGENERAL1' },
    ]);
  });

  it('RetrieveAndGenerate answers text and a session id', async () => {
    const output = await agentClient(emulator).send(refundQuestion());

    expect(output.output?.text).toEqual(expect.any(String));
    expect(output.sessionId).toEqual(expect.any(String));
    expect(emulator.requests[0]).toMatchObject({
      operation: 'RetrieveAndGenerate',
      knowledgeBaseId: 'KBGENERAL1',
    });
  });

  it("RetrieveAndGenerate answers the runtime's 404 for a model flipped to end of life", async () => {
    const eol = await startEmulator({ endOfLife: [HAIKU_3] });
    try {
      const error = await rejectionOf(agentClient(eol).send(refundQuestion()));

      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.$metadata).toMatchObject({ httpStatusCode: 404 });
      expect(error.message).toMatch(/reached the end of its life/);
    } finally {
      await eol.stop();
    }
  });

  it('passes the decoded knowledge-base label to the service and its errors through', async () => {
    const calls: string[] = [];
    const fake: KnowledgeBaseService = {
      retrieve: (id) => {
        calls.push(id);
        return { retrievalResults: [] };
      },
      retrieveAndGenerate: () => ({ sessionId: 's', output: { text: '' } }),
    };
    const injected = await startEmulator({ knowledgeBases: fake });
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB12345678';
    try {
      await agentClient(injected).send(
        new RetrieveCommand({ knowledgeBaseId: arn, retrievalQuery: { text: 'q' } }),
      );
      const error = await rejectionOf(
        agentClient(emulator).send(
          new RetrieveCommand({ knowledgeBaseId: 'NOSUCHKB00', retrievalQuery: { text: 'q' } }),
        ),
      );

      expect(calls).toEqual([arn]);
      expect(error.name).toMatch(/ResourceNotFoundException|ValidationException/);
    } finally {
      await injected.stop();
    }
  });

  it('applies faults to agent-runtime operations too', async () => {
    const client = agentClient(emulator, { maxAttempts: 1 });
    addHeader(client, 'x-bedrock-local-fault', 'throttle;operation=Retrieve');

    const error = await rejectionOf(
      client.send(new RetrieveCommand({ knowledgeBaseId: 'KBGENERAL1', retrievalQuery: { text: 'q' } })),
    );

    expect(error.name).toBe('ThrottlingException');
  });

  it('answers an injected ConflictException with 409, as the agent runtime does (§4.2)', async () => {
    const client = agentClient(emulator, { maxAttempts: 1 });
    addHeader(client, 'x-bedrock-local-fault', 'error;type=ConflictException');

    const error = (await rejectionOf(
      client.send(new RetrieveCommand({ knowledgeBaseId: 'KBGENERAL1', retrievalQuery: { text: 'q' } })),
    )) as Error & { $metadata?: { httpStatusCode?: number } };

    expect(error.name).toBe('ConflictException');
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });
});
