import { CATALOG_DATA } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { ModelIdResolver } from './model-id-resolver';

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_35_V2 = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';

const errorOf = (action: () => unknown): EmulatorError => {
  try {
    action();
  } catch (error) {
    if (error instanceof EmulatorError) return error;
  }
  throw new Error('expected an EmulatorError');
};

describe('ModelIdResolver', () => {
  const resolver = new ModelIdResolver(CATALOG_DATA.models, new Set(['amazon.titan-text-lite-v1']));

  it('resolves a bare id, a geo profile id, a foundation ARN and a profile ARN', () => {
    expect(resolver.resolve(HAIKU_3, 'InvokeModel').model.modelId).toBe(HAIKU_3);
    expect(resolver.resolve(`eu.${HAIKU_3}`, 'InvokeModel')).toMatchObject({
      inferenceProfileId: `eu.${HAIKU_3}`,
    });
    expect(
      resolver.resolve(`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`, 'Converse').model.modelId,
    ).toBe(HAIKU_3);
    const profileArn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_35_V2}`;
    expect(resolver.resolve(profileArn, 'ConverseStream')).toMatchObject({
      model: { modelId: SONNET_35_V2 },
      inferenceProfileId: `us.${SONNET_35_V2}`,
    });
  });

  it.each([
    'anthropic.claude-nope-v1:0',
    `jp.${HAIKU_3}`, // a geography the model does not list
    `${HAIKU_3}:200k`,
    'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456',
    '',
    'x'.repeat(2049),
  ])('rejects %s with the invalid-identifier ValidationException', (identifier) => {
    const error = errorOf(() => resolver.resolve(identifier, 'InvokeModel'));

    expect(error).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(error.message).toBe('The provided model identifier is invalid.');
  });

  it('rejects the bare id of a profile-only model with the exact on-demand message', () => {
    const error = errorOf(() => resolver.resolve(SONNET_35_V2, 'InvokeModel'));

    expect(error.status).toBe(400);
    expect(error.message).toBe(
      `Invocation of model ID ${SONNET_35_V2} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  });

  it('answers an end-of-life model with 404 ResourceNotFoundException', () => {
    const error = errorOf(() => resolver.resolve('amazon.titan-text-lite-v1', 'InvokeModel'));

    expect(error).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    expect(error.message).toMatch(/reached the end of its life/);
  });

  it('rejects streaming and Converse on an embedding model, but allows InvokeModel', () => {
    expect(resolver.resolve(TITAN_EMBED, 'InvokeModel').model.kind).toBe('embedding');
    for (const operation of ['InvokeModelWithResponseStream', 'Converse', 'ConverseStream'] as const) {
      expect(errorOf(() => resolver.resolve(TITAN_EMBED, operation))).toMatchObject({
        status: 400,
        errorType: 'ValidationException',
      });
    }
  });
});
