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

  it('answers nothing for no citations', () => {
    // Act / Assert
    expect(toCitations(undefined)).toEqual({ citations: [], passages: [] });
  });
});
