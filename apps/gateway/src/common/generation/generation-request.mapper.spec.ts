import { ModelCatalog } from '@app/bedrock';
import { toCanonicalRequest } from './generation-request.mapper';

describe('toCanonicalRequest', () => {
  const catalog = new ModelCatalog();

  it("defaults the output budget to the catalog's gateway default, not the model's native one", () => {
    // Arrange: Mistral Large 2402 defaults to 8192 natively (bedrock-wire.md §7.4); the gateway asks for less.
    const model = catalog.resolve('mistral-large')!;

    // Act
    const request = toCanonicalRequest({}, [{ role: 'user', content: 'hi' }], model);

    // Assert
    expect(model.catalog?.nativeDefaultMaxTokens).toBe(8192);
    expect(request.maxTokens).toBe(model.catalog?.defaultMaxTokens);
    expect(request.maxTokens).toBe(1024);
  });
});
