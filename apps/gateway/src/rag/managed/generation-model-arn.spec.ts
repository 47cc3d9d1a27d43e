import { CATALOG_DATA, ModelCatalog } from '@app/bedrock';
import { generationModelArn } from './generation-model-arn';

const catalog = new ModelCatalog(CATALOG_DATA);
const resolve = (reference: string) => catalog.resolve(reference, { region: 'us-east-1' })!;

describe('generationModelArn', () => {
  it('builds the foundation-model ARN in the region for an on-demand model', () => {
    // Act / Assert
    expect(generationModelArn(resolve('claude-3-haiku'), 'eu-west-1')).toBe(
      'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    );
  });

  it('uses the partition of China and GovCloud regions', () => {
    // Act / Assert
    expect(generationModelArn(resolve('claude-3-haiku'), 'us-gov-west-1')).toMatch(
      /^arn:aws-us-gov:bedrock:/,
    );
    expect(generationModelArn(resolve('claude-3-haiku'), 'cn-north-1')).toMatch(/^arn:aws-cn:bedrock:/);
  });

  it('names a model that needs an inference profile by its profile id', () => {
    // Arrange
    const model = resolve('claude-3-5-haiku');
    // Act / Assert
    expect(model.viaProfile).not.toBeNull();
    expect(generationModelArn(model, 'us-east-1')).toBe(model.invokeId);
    expect(model.invokeId).toMatch(/^us\.anthropic\./);
  });

  it('sends an ARN the caller gave unchanged', () => {
    // Arrange
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
    // Act / Assert
    expect(generationModelArn(resolve(arn), 'us-west-2')).toBe(arn);
  });
});
