import { toCitations } from './to-citations';

const reference = (uri: string, chunkId: string, text = `text of ${chunkId}`) => ({
  content: { type: 'TEXT' as const, text },
  location: { type: 'S3' as const, s3Location: { uri } },
  metadata: { 'x-amz-bedrock-kb-chunk-id': chunkId },
});

describe('toCitations', () => {
  it('maps each citation to its text and distinct source URIs, and lists each reference once', () => {
    // Arrange
    const citations = [
      {
        generatedResponsePart: { textResponsePart: { text: 'Five days.', span: { start: 0, end: 9 } } },
        retrievedReferences: [reference('s3://kb/a.md', 'a1'), reference('s3://kb/a.md', 'a2')],
      },
      {
        generatedResponsePart: { textResponsePart: { text: 'Ask HR.' } },
        retrievedReferences: [reference('s3://kb/a.md', 'a1'), reference('s3://kb/b.md', 'b1')],
      },
    ];
    // Act
    const mapped = toCitations(citations);
    // Assert
    expect(mapped.citations).toEqual([
      { text: 'Five days.', source_uris: ['s3://kb/a.md'] },
      { text: 'Ask HR.', source_uris: ['s3://kb/a.md', 's3://kb/b.md'] },
    ]);
    expect(mapped.passages.map((p) => p.metadata['x-amz-bedrock-kb-chunk-id'])).toEqual(['a1', 'a2', 'b1']);
    expect(mapped.passages[0]).toMatchObject({ uri: 's3://kb/a.md', score: null, text: 'text of a1' });
  });

  it('lists a cited row of a structured knowledge base as a source, its columns as the text', () => {
    // Arrange: a structured data store's reference (bedrock-wire.md §5.1): content type ROW, SQL location.
    const row = {
      content: {
        type: 'ROW' as const,
        row: [
          { columnName: 'region', columnValue: 'EMEA', type: 'STRING' as const },
          { columnName: 'revenue', columnValue: '1200', type: 'LONG' as const },
        ],
      },
      location: { type: 'SQL' as const, sqlLocation: { query: 'SELECT region, revenue FROM sales' } },
      metadata: {},
    };
    const citations = [
      {
        generatedResponsePart: { textResponsePart: { text: 'EMEA made 1200.' } },
        retrievedReferences: [row],
      },
    ];
    // Act
    const mapped = toCitations(citations);
    // Assert: Bedrock answered from it, so it is a source (rag_used, contexts_used, strict count it).
    expect(mapped.passages).toEqual([
      { text: 'region: EMEA\nrevenue: 1200', uri: null, score: null, metadata: {} },
    ]);
    expect(mapped.citations).toEqual([{ text: 'EMEA made 1200.', source_uris: [] }]);
  });

  it('answers nothing for no citations', () => {
    // Act / Assert
    expect(toCitations(undefined)).toEqual({ citations: [], passages: [] });
  });
});
