import { toRetrievedPassage } from './to-retrieved-passage';

describe('toRetrievedPassage', () => {
  it('reads text, S3 URI, score and metadata of a Retrieve result', () => {
    // Arrange
    const result = {
      content: { type: 'TEXT' as const, text: 'Paris is the capital.' },
      location: { type: 'S3' as const, s3Location: { uri: 's3://kb/france.pdf' } },
      score: 0.81,
      metadata: { year: 2020 },
    };
    // Act / Assert
    expect(toRetrievedPassage(result)).toEqual({
      text: 'Paris is the capital.',
      uri: 's3://kb/france.pdf',
      score: 0.81,
      metadata: { year: 2020 },
    });
  });

  it('takes the URL of other data sources, else the source-uri metadata', () => {
    // Arrange
    const web = {
      content: { text: 'x' },
      location: { type: 'WEB' as const, webLocation: { url: 'https://x.test' } },
    };
    const bare = { content: { text: 'y' }, metadata: { 'x-amz-bedrock-kb-source-uri': 's3://kb/y.md' } };
    // Act / Assert
    expect(toRetrievedPassage(web)?.uri).toBe('https://x.test');
    expect(toRetrievedPassage(bare)).toMatchObject({ uri: 's3://kb/y.md', score: null });
  });

  it('skips results without text (images, rows)', () => {
    // Act / Assert
    expect(toRetrievedPassage({ content: { type: 'IMAGE' as const } })).toBeNull();
    expect(toRetrievedPassage({ content: { text: '   ' } })).toBeNull();
  });
});
