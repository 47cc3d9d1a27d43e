import { BedrockEmulator, KnowledgeBaseService, KnowledgeBases } from '@app/bedrock-emulator';
import { TestGateway, postJson } from '../../support/gateway-harness';

/**
 * The emulator's real knowledge bases (the sample `KBGENERAL1`), wrapped to keep every request body and,
 * with `pageSize`, to answer Retrieve in pages of at most that many results (as a service whose pages
 * hold fewer than asked), so the gateway has to follow `nextToken`.
 */
export async function recordingKnowledgeBases(pageSize?: number) {
  const real = await KnowledgeBases.load();
  const retrieveBodies: any[] = [];
  const managedBodies: any[] = [];
  const service: KnowledgeBaseService = {
    retrieve: (id, body: any) => {
      retrieveBodies.push(structuredClone(body));
      const search = body?.retrievalConfiguration?.vectorSearchConfiguration;
      if (pageSize !== undefined && search)
        search.numberOfResults = Math.min(search.numberOfResults, pageSize);
      return real.retrieve(id, body);
    },
    retrieveAndGenerate: (body, region) => {
      managedBodies.push(structuredClone(body));
      return real.retrieveAndGenerate(body, region);
    },
  };
  return { service, retrieveBodies, managedBodies };
}

export const ragUrl = (gateway: TestGateway) => `${gateway.url}/bedrock/chat/rag`;

/** POST /bedrock/chat/rag with a model named (claude-3-haiku unless the body says otherwise). */
export const askRag = (gateway: TestGateway, body: Record<string, unknown>) =>
  postJson(ragUrl(gateway), { model: 'claude-3-haiku', ...body });

export const operations = (emulator: BedrockEmulator, name: string) =>
  emulator.requests.filter((request) => request.operation === name);

/** Model and knowledge-base calls (readiness probes of the control plane left out). */
export const bedrockCalls = (emulator: BedrockEmulator) =>
  emulator.requests.filter((request) => /^(InvokeModel|Converse|Retrieve)/.test(request.operation));

export const invokes = (emulator: BedrockEmulator) =>
  emulator.requests.filter((request) => request.operation.startsWith('InvokeModel'));

/** A question the sample knowledge base answers, with the document that answers it. */
export const VACATION = {
  message: 'How many vacation days can I take into next year?',
  document: 'annual-leave.md',
};

/** A question nothing in the sample knowledge base is about. */
export const OFF_TOPIC = 'Who won the 1998 football world cup?';
