import { CATALOG_DATA } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { NO_ANSWER_TEXT } from '../generation/extractive-answer';
import { ORCHARD } from './knowledge-base.fixtures';
import { KnowledgeBases } from './knowledge-bases';

interface Reference {
  content: { text: string };
  location: { s3Location: { uri: string } };
  metadata: Record<string, unknown>;
  score?: number;
}
interface Citation {
  generatedResponsePart: { textResponsePart: { text: string; span: { start: number; end: number } } };
  retrievedReferences: Reference[];
}
interface Response {
  sessionId: string;
  output: { text: string };
  citations: Citation[];
  guardrailAction: string;
}

const kbs = KnowledgeBases.fromLoaded([ORCHARD]);
const HAIKU = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';

function request(text: string, overrides: Record<string, unknown> = {}, sessionId?: string): unknown {
  return {
    input: { text },
    ...(sessionId ? { sessionId } : {}),
    retrieveAndGenerateConfiguration: {
      type: 'KNOWLEDGE_BASE',
      knowledgeBaseConfiguration: { knowledgeBaseId: 'KBORCHARD1', modelArn: HAIKU, ...overrides },
    },
  };
}
const ask = (body: unknown): Response => kbs.retrieveAndGenerate(body, 'us-east-1') as unknown as Response;

function errorOf(action: () => unknown): EmulatorError {
  try {
    action();
  } catch (error) {
    if (error instanceof EmulatorError) return error;
    throw error;
  }
  throw new Error('expected an EmulatorError');
}

describe('KnowledgeBases.retrieveAndGenerate', () => {
  it('answers from the knowledge base with citation spans into output.text (end inclusive)', () => {
    // Act
    const response = ask(request('When does the apple harvest start?'));

    // Assert
    expect(response.output.text).toContain('Apple harvest starts in September.');
    expect(response.guardrailAction).toBe('NONE');
    expect(response.citations.length).toBeGreaterThan(0);
    for (const citation of response.citations) {
      const { text, span } = citation.generatedResponsePart.textResponsePart;
      expect(response.output.text.slice(span.start, span.end + 1)).toBe(text);
      expect(citation.retrievedReferences.length).toBeGreaterThan(0);
      for (const reference of citation.retrievedReferences) {
        expect(reference.content.text).toContain(text);
        expect(reference.score).toBeUndefined();
        expect(reference.metadata['x-amz-bedrock-kb-source-uri']).toBe(reference.location.s3Location.uri);
      }
    }
    expect(response.citations[0]!.retrievedReferences[0]!.location.s3Location.uri).toBe(
      's3://test-bucket/apples.md',
    );
  });

  it("returns the caller's session id, or a new UUID", () => {
    expect(ask(request('pears', {}, 'session-1.a:b')).sessionId).toBe('session-1.a:b');
    expect(ask(request('pears')).sessionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('says so, without citations, when nothing relevant is found', () => {
    expect(ask(request('submarine propulsion'))).toMatchObject({
      output: { text: NO_ANSWER_TEXT },
      citations: [],
    });
  });

  it('honours maxTokens', () => {
    const generationConfiguration = { inferenceConfig: { textInferenceConfig: { maxTokens: 3 } } };

    const response = ask(request('When does the apple harvest start?', { generationConfiguration }));

    expect(response.output.text.length).toBeLessThanOrEqual(12);
    expect(response.output.text.length).toBeGreaterThan(0);
  });

  it('ends the answer before its first stop sequence, and cuts the citations to it', () => {
    const question = 'When does the apple harvest start?';
    const full = ask(request(question));
    const word = full.output.text.split(' ')[3]!;
    const generationConfiguration = { inferenceConfig: { textInferenceConfig: { stopSequences: [word] } } };

    const response = ask(request(question, { generationConfiguration }));

    const end = full.output.text.indexOf(word);
    expect(response.output.text).toBe(full.output.text.slice(0, end));
    const spans = response.citations.map((c) => c.generatedResponsePart.textResponsePart.span);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) expect(span.end).toBeLessThanOrEqual(end - 1);
  });

  it('refuses an empty stop sequence, as the service does (1 to 1,000 characters each)', () => {
    const generationConfiguration = {
      inferenceConfig: { textInferenceConfig: { stopSequences: ['ok', ''] } },
    };

    expect(errorOf(() => ask(request('pears', { generationConfiguration }))).message).toMatch(
      /stopSequences\.2\.member' failed to satisfy constraint: Member must have length between 1 and 1000/,
    );
  });

  it('refuses more than four stop sequences, as the service does', () => {
    const stopSequences = ['a', 'b', 'c', 'd', 'e'];
    const generationConfiguration = { inferenceConfig: { textInferenceConfig: { stopSequences } } };

    expect(errorOf(() => ask(request('pears', { generationConfiguration }))).message).toMatch(
      /stopSequences' failed to satisfy constraint: Member must have length less than or equal to 4/,
    );
  });

  it.each([
    'anthropic.claude-3-haiku-20240307-v1:0',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  ])('accepts model %s', (modelArn) => {
    expect(ask(request('pears', { modelArn })).output.text.length).toBeGreaterThan(0);
  });

  it('resolves modelArn in the region the call is made in', () => {
    const sonnet = (modelArn: string, region: string) => () =>
      kbs.retrieveAndGenerate(request('pears', { modelArn }), region);

    expect(sonnet('eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu-west-1')()).toHaveProperty(
      'output.text',
    );
    expect(errorOf(sonnet('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu-west-1')).message).toBe(
      'The provided model identifier is invalid.',
    );
  });

  it.each([
    ['unknown model', { modelArn: 'anthropic.claude-9' }, 'The provided model identifier is invalid.'],
    [
      'profile of another geography than the region',
      { modelArn: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0' },
      'The provided model identifier is invalid.',
    ],
    [
      'foundation-model ARN of another region',
      { modelArn: 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0' },
      'The provided model identifier is invalid.',
    ],
    [
      'embedding model',
      { modelArn: 'amazon.titan-embed-text-v2:0' },
      'The provided model identifier is invalid.',
    ],
    [
      'profile-only model on demand',
      { modelArn: 'anthropic.claude-sonnet-4-5-20250929-v1:0' },
      'on-demand throughput',
    ],
    ['missing model', { modelArn: undefined }, 'modelArn'],
    [
      'knowledge-base ARN',
      { knowledgeBaseId: 'arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KBORCHARD1' },
      'knowledgeBaseId',
    ],
    ['knowledge-base id over 10 characters', { knowledgeBaseId: 'KBORCHARD12' }, 'knowledgeBaseId'],
    [
      'bad maxTokens',
      { generationConfiguration: { inferenceConfig: { textInferenceConfig: { maxTokens: -1 } } } },
      'maxTokens',
    ],
  ])('rejects %s with a 400 ValidationException', (_name, overrides, message) => {
    const error = errorOf(() => ask(request('pears', overrides)));

    expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
    expect(error.message).toContain(message);
  });

  it('takes a knowledge-base id shorter than 10 characters as an id it does not know (§5.2: max 10, no minimum)', () => {
    const error = errorOf(() => ask(request('pears', { knowledgeBaseId: 'KB1' })));

    expect([error.errorType, error.status]).toEqual(['ResourceNotFoundException', 404]);
  });

  it.each([
    ['no input', { retrieveAndGenerateConfiguration: {} }, "'input'"],
    [
      'external sources',
      { input: { text: 'a' }, retrieveAndGenerateConfiguration: { type: 'EXTERNAL_SOURCES' } },
      'KNOWLEDGE_BASE',
    ],
    ['bad session id', { ...(request('a') as object), sessionId: 'has space' }, "'sessionId'"],
    ['one-character session id', { ...(request('a') as object), sessionId: 'x' }, "'sessionId'"],
  ])('rejects %s', (_name, body, message) => {
    const error = errorOf(() => ask(body));

    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
  });

  it("answers the runtime's 404 for an end-of-life model, and knows only the models it was given", () => {
    // Arrange
    const haikuOnly = KnowledgeBases.fromLoaded([ORCHARD], {
      models: CATALOG_DATA.models.filter((model) => model.alias.startsWith('claude-3')),
      endOfLife: ['anthropic.claude-3-haiku-20240307-v1:0'],
    });
    const askOnly = (overrides: Record<string, unknown>) => () =>
      haikuOnly.retrieveAndGenerate(request('pears', overrides), 'us-east-1');

    // Act
    const endOfLife = errorOf(askOnly({}));
    const unknown = errorOf(askOnly({ modelArn: 'meta.llama3-1-70b-instruct-v1:0' }));

    // Assert
    expect([endOfLife.errorType, endOfLife.status]).toEqual(['ResourceNotFoundException', 404]);
    expect(endOfLife.message).toBe(
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
    );
    expect(unknown.message).toBe('The provided model identifier is invalid.');
    expect(
      haikuOnly.retrieveAndGenerate(
        request('pears', { modelArn: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0' }),
        'us-east-1',
      ),
    ).toHaveProperty('output.text');
  });

  it('answers 404 for an unknown knowledge base', () => {
    expect(errorOf(() => ask(request('pears', { knowledgeBaseId: 'KBUNKNOWN1' }))).errorType).toBe(
      'ResourceNotFoundException',
    );
  });
});
