import { EmulatorError } from '../errors/emulator-error';
import { memoryKnowledgeBase, ORCHARD } from './knowledge-base.fixtures';
import { KnowledgeBases } from './knowledge-bases';

interface Result {
  content: { type: string; text: string };
  location: { type: string; s3Location: { uri: string } };
  score: number;
  metadata: Record<string, unknown>;
}
interface Page {
  retrievalResults: Result[];
  nextToken?: string;
}

const many = memoryKnowledgeBase(
  'KBMANYDOCS',
  Array.from({ length: 23 }, (_, i) => ({
    path: `doc-${i}.md`,
    text: `Widget ${i} is stored in warehouse ${i % 3}. ${'Widgets need inspection. '.repeat(i % 4)}`,
    metadata: { shelf: i },
  })),
);
const kbs = KnowledgeBases.fromLoaded([ORCHARD, many], { region: 'us-east-1' });
const retrieve = (id: string, body: unknown): Page => kbs.retrieve(id, body) as unknown as Page;

function errorOf(action: () => unknown): EmulatorError {
  try {
    action();
  } catch (error) {
    if (error instanceof EmulatorError) return error;
    throw error;
  }
  throw new Error('expected an EmulatorError');
}

describe('KnowledgeBases.retrieve', () => {
  it('answers in the service shape with source, chunk and data-source metadata', () => {
    // Act
    const page = retrieve('KBORCHARD1', { retrievalQuery: { text: 'apple harvest' } });

    // Assert
    const [first] = page.retrievalResults;
    expect(first!.content).toEqual({ type: 'TEXT', text: expect.stringContaining('Apple harvest') });
    expect(first!.location).toEqual({ type: 'S3', s3Location: { uri: 's3://test-bucket/apples.md' } });
    expect(first!.metadata).toMatchObject({
      'x-amz-bedrock-kb-source-uri': 's3://test-bucket/apples.md',
      'x-amz-bedrock-kb-chunk-id': expect.stringMatching(/^1%3A0%3A/),
      'x-amz-bedrock-kb-data-source-id': 'DSTEST0001',
      kind: 'fruit',
      year: 2021,
    });
    expect(page.nextToken).toBeUndefined();
  });

  it('accepts a knowledge-base ARN of the configured region', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KBORCHARD1';
    expect(retrieve(arn, { retrievalQuery: { text: 'pears' } }).retrievalResults.length).toBeGreaterThan(0);
    expect(
      errorOf(() => retrieve(arn.replace('us-east-1', 'eu-west-1'), { retrievalQuery: { text: 'x' } }))
        .status,
    ).toBe(404);
  });

  it('pages through every match exactly once with an opaque, stable nextToken', () => {
    const body = { retrievalQuery: { text: 'widget warehouse inspection' } };
    const config = (token?: string): unknown => ({
      ...body,
      retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 5 } },
      ...(token ? { nextToken: token } : {}),
    });
    const seen: string[] = [];
    const scores: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = retrieve('KBMANYDOCS', config(token));
      expect(page).toEqual(retrieve('KBMANYDOCS', config(token)));
      seen.push(
        ...page.retrievalResults.map((result) => result.metadata['x-amz-bedrock-kb-chunk-id'] as string),
      );
      scores.push(...page.retrievalResults.map((result) => result.score));
      token = page.nextToken;
      pages += 1;
      if (token) expect(token).toMatch(/^\S+$/);
    } while (token);

    expect(pages).toBe(5);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('rejects a nextToken from another query', () => {
    const first = retrieve('KBMANYDOCS', { retrievalQuery: { text: 'widget' } });

    const error = errorOf(() =>
      retrieve('KBMANYDOCS', { retrievalQuery: { text: 'warehouse' }, nextToken: first.nextToken }),
    );

    expect(error.errorType).toBe('ValidationException');
    expect(
      errorOf(() => retrieve('KBMANYDOCS', { retrievalQuery: { text: 'w' }, nextToken: 'garbage' })).status,
    ).toBe(400);
  });

  it('filters on metadata', () => {
    const page = retrieve('KBORCHARD1', {
      retrievalQuery: { text: 'orchards trees' },
      retrievalConfiguration: {
        vectorSearchConfiguration: {
          filter: {
            andAll: [
              { equals: { key: 'kind', value: 'fruit' } },
              { greaterThan: { key: 'year', value: 2020 } },
            ],
          },
        },
      },
    });

    expect(page.retrievalResults.map((result) => result.location.s3Location.uri).sort()).toEqual([
      's3://test-bucket/apples.md',
      's3://test-bucket/pears.md',
    ]);
  });

  it('defaults to 5 results and honours numberOfResults', () => {
    expect(retrieve('KBMANYDOCS', { retrievalQuery: { text: 'widget' } }).retrievalResults).toHaveLength(5);
    const one = {
      retrievalQuery: { text: 'widget' },
      retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 1 } },
    };
    expect(retrieve('KBMANYDOCS', one).retrievalResults).toHaveLength(1);
  });

  it('answers 404 ResourceNotFoundException for an unknown knowledge base', () => {
    const error = errorOf(() => retrieve('KBUNKNOWN1', { retrievalQuery: { text: 'apples' } }));

    expect([error.errorType, error.status]).toEqual(['ResourceNotFoundException', 404]);
  });

  it.each([
    ['bad id', 'kb-1', { retrievalQuery: { text: 'a' } }, "at 'knowledgeBaseId'"],
    ['no query', 'KBORCHARD1', {}, "at 'retrievalQuery'"],
    ['no text', 'KBORCHARD1', { retrievalQuery: {} }, "at 'retrievalQuery.text'"],
    [
      'long text',
      'KBORCHARD1',
      { retrievalQuery: { text: 'a'.repeat(20001) } },
      'length between 0 and 20000',
    ],
    [
      'zero results',
      'KBORCHARD1',
      {
        retrievalQuery: { text: 'a' },
        retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 0 } },
      },
      'greater than or equal to 1',
    ],
    [
      '101 results',
      'KBORCHARD1',
      {
        retrievalQuery: { text: 'a' },
        retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 101 } },
      },
      'less than or equal to 100',
    ],
    [
      'search type',
      'KBORCHARD1',
      {
        retrievalQuery: { text: 'a' },
        retrievalConfiguration: { vectorSearchConfiguration: { overrideSearchType: 'VECTOR' } },
      },
      'enum value set',
    ],
    ['empty token', 'KBORCHARD1', { retrievalQuery: { text: 'a' }, nextToken: '' }, "at 'nextToken'"],
  ])('rejects %s with a 400 ValidationException', (_name, id, body, message) => {
    const error = errorOf(() => retrieve(id, body));

    expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
    expect(error.message).toContain(message);
  });
});
