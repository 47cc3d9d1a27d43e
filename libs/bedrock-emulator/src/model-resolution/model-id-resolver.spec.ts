import { CATALOG_DATA } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { ModelIdResolver } from './model-id-resolver';

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_35_V2 = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';
const US_EAST_1 = 'us-east-1';

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
    expect(resolver.resolve(HAIKU_3, 'InvokeModel', US_EAST_1).model.modelId).toBe(HAIKU_3);
    expect(resolver.resolve(`us.${HAIKU_3}`, 'InvokeModel', US_EAST_1)).toMatchObject({
      inferenceProfileId: `us.${HAIKU_3}`,
    });
    expect(
      resolver.resolve(`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`, 'Converse', US_EAST_1).model
        .modelId,
    ).toBe(HAIKU_3);
    const profileArn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_35_V2}`;
    expect(resolver.resolve(profileArn, 'ConverseStream', US_EAST_1)).toMatchObject({
      model: { modelId: SONNET_35_V2 },
      inferenceProfileId: `us.${SONNET_35_V2}`,
    });
  });

  it.each([
    ['eu-west-1', `eu.${HAIKU_3}`],
    ['ap-northeast-1', `apac.${HAIKU_3}`],
    ['us-west-2', `us.${SONNET_45}`],
    ['eu-central-1', `global.${SONNET_45}`], // global: any commercial region, not only the five it lists
    ['ap-south-1', `global.${SONNET_45}`],
    ['eu-west-1', `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${SONNET_45}`],
    ['eu-west-1', `arn:aws:bedrock:eu-west-1::foundation-model/${HAIKU_3}`],
  ])('resolves, from %s, %s', (region, identifier) => {
    expect(resolver.resolve(identifier, 'InvokeModel', region).model.modelId).toMatch(/^anthropic\./);
  });

  it.each([
    ['eu-west-1', `us.${SONNET_45}`],
    ['us-gov-west-1', `global.${SONNET_45}`],
  ])('rejects, from %s, %s with the invalid-identifier ValidationException', (region, identifier) => {
    const error = errorOf(() => resolver.resolve(identifier, 'InvokeModel', region));

    expect(error).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(error.message).toBe('The provided model identifier is invalid.');
  });

  it.each([
    'anthropic.claude-nope-v1:0',
    `jp.${HAIKU_3}`, // a geography the model does not list
    `eu.${HAIKU_3}`, // a geography us-east-1 is no source region of
    `eu.${SONNET_45}`,
    `arn:aws:bedrock:eu-west-1::foundation-model/${HAIKU_3}`, // another region's ARN
    `arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.${SONNET_45}`,
    `arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.${SONNET_45}`, // another account's
    `${HAIKU_3}:200k`,
    'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456',
    '',
    'x'.repeat(2049),
  ])('rejects %s with the invalid-identifier ValidationException', (identifier) => {
    const error = errorOf(() => resolver.resolve(identifier, 'InvokeModel', US_EAST_1));

    expect(error).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(error.message).toBe('The provided model identifier is invalid.');
  });

  it('rejects the bare id of a profile-only model with the exact on-demand message', () => {
    const error = errorOf(() => resolver.resolve(SONNET_35_V2, 'InvokeModel', US_EAST_1));

    expect(error.status).toBe(400);
    expect(error.message).toBe(
      `Invocation of model ID ${SONNET_35_V2} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  });

  it('answers an end-of-life model with 404 ResourceNotFoundException', () => {
    const error = errorOf(() => resolver.resolve('amazon.titan-text-lite-v1', 'InvokeModel', US_EAST_1));

    expect(error).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    expect(error.message).toMatch(/reached the end of its life/);
  });

  it.each([
    ['claude-3-haiku', `: did you mean ${HAIKU_3}?`],
    [`us.${HAIKU_3}`, `: did you mean ${HAIKU_3}?`],
    [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`, `: did you mean ${HAIKU_3}?`],
    ['anthropic.claude-3-haiku-20240307-v1', ' (such as'],
  ])('refuses an end-of-life entry that is not a foundation id (%s would flip nothing)', (given, hint) => {
    expect(() => new ModelIdResolver(CATALOG_DATA.models, new Set([given]))).toThrow(
      `End-of-life model "${given}" is not a foundation model id of the catalog${hint}`,
    );
  });

  it('rejects streaming and Converse on an embedding model, but allows InvokeModel', () => {
    expect(resolver.resolve(TITAN_EMBED, 'InvokeModel', US_EAST_1).model.kind).toBe('embedding');
    for (const operation of ['InvokeModelWithResponseStream', 'Converse', 'ConverseStream'] as const) {
      expect(errorOf(() => resolver.resolve(TITAN_EMBED, operation, US_EAST_1))).toMatchObject({
        status: 400,
        errorType: 'ValidationException',
      });
    }
  });
});
