import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, getJson, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// Each ledger row names Bedrock's request id (`x-amzn-RequestId`) of the last answer Bedrock gave the call,
// which an AWS support case about that call needs: read here from the emulator's own request log.
describe('the ledger keeps Bedrock request ids', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  /** The emulator's request ids of one operation, in the order it received them. */
  const ids = (operation: string) =>
    emulator.requests
      .filter((request) => request.operation === operation)
      .map((request) => request.requestId);
  /** The stored row of one gateway request; the record is pushed on the turn after the answer. */
  const rowOf = async (requestId: string) => {
    for (let tries = 0; tries < 50; tries += 1) {
      await gateway.usageRecords(); // flushes the ledger
      const { json } = await getJson(`${gateway.url}/usage/requests?limit=1000`);
      const row = json.rows.find((r: { request_id: string }) => r.request_id === requestId);
      if (row) return row;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no usage row for ${requestId}`);
  };
  const chat = (body: Record<string, unknown>) =>
    postJson(`${gateway.url}/bedrock/chat`, { model: 'claude-3-haiku', ...body });

  beforeAll(async () => {
    emulator = await startEmulator({
      faults: [
        { kind: 'throttle', prompt: 'throttled once', times: 1 },
        { kind: 'error', errorType: 'ValidationException', prompt: 'refused' },
      ],
    });
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      BEDROCK_CIRCUIT_FAILURES: '1000',
      KNOWLEDGE_BASES: JSON.stringify([{ alias: 'general', id: 'KBGENERAL1' }]),
    });
  });
  beforeEach(() => emulator.clearRequests());
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('stores the id of a blocking call, and of its answering attempt after a retry', async () => {
    // Act
    const plain = await chat({ message: 'Hello' });
    const retried = await chat({ message: 'throttled once' });
    // Assert
    expect([plain.status, retried.status]).toEqual([200, 200]);
    const [plainId, throttledId, answeredId] = ids('InvokeModel');
    expect(throttledId).not.toBe(answeredId);
    expect((await rowOf(plain.json.id)).bedrock_request_id).toBe(plainId);
    expect((await rowOf(retried.json.id)).bedrock_request_id).toBe(answeredId);
  });

  it('stores the id of a streamed call', async () => {
    // Act
    const streamed = await chat({ message: 'Hello', stream: true });
    // Assert
    expect(streamed.status).toBe(200);
    const requestId = streamed.headers.get('x-request-id')!;
    const [streamId] = ids('InvokeModelWithResponseStream');
    expect((await rowOf(requestId)).bedrock_request_id).toBe(streamId);
  });

  it('stores the id of the answer Bedrock refused the call with', async () => {
    // Act
    const refused = await chat({ message: 'refused' });
    // Assert
    expect(refused.status).toBe(400);
    const row = await rowOf(refused.json.error.request_id);
    expect(row.error_code).toBe('upstream_validation_error');
    expect(row.bedrock_request_id).toBe(ids('InvokeModel')[0]);
  });

  it('stores the generation call of a RAG answer, and the managed call of retrieve_and_generate', async () => {
    // Act
    const rag = await postJson(`${gateway.url}/bedrock/chat/rag`, {
      model: 'claude-3-haiku',
      message: 'How many vacation days can I carry over?',
    });
    const managed = await postJson(`${gateway.url}/bedrock/chat/rag`, {
      model: 'claude-3-haiku',
      message: 'How many vacation days can I carry over?',
      mode: 'retrieve_and_generate',
    });
    // Assert
    expect([rag.status, managed.status]).toEqual([200, 200]);
    expect(ids('Retrieve')).toHaveLength(1);
    expect((await rowOf(rag.json.id)).bedrock_request_id).toBe(ids('InvokeModel')[0]);
    expect((await rowOf(managed.json.id)).bedrock_request_id).toBe(ids('RetrieveAndGenerate')[0]);
  });

  it("stores none for a RAG answer whose generation got no answer, not the Retrieve call's", async () => {
    // Arrange
    emulator.setFaults([{ kind: 'stall', operation: 'InvokeModel' }]);
    // Act
    const cut = await postJson(`${gateway.url}/bedrock/chat/rag`, {
      model: 'claude-3-haiku',
      message: 'How many vacation days can I carry over?',
      timeout_ms: 1000,
    });
    emulator.setFaults([]);
    // Assert
    expect(cut.status).toBe(504);
    expect(ids('Retrieve')).toHaveLength(1);
    expect((await rowOf(cut.json.error.request_id)).bedrock_request_id).toBeNull();
  });

  it('stores none for a call refused before Bedrock, and exports the column as CSV', async () => {
    // Act
    const invalid = await chat({ message: 'Hello', max_tokens: 999_999 });
    const csv = await getJson(`${gateway.url}/usage/export?format=csv`);
    // Assert
    expect(invalid.status).toBe(400);
    expect((await rowOf(invalid.json.error.request_id)).bedrock_request_id).toBeNull();
    const [header] = csv.text.split('\r\n');
    expect(header!.split(',')).toContain('bedrock_request_id');
  });
});
