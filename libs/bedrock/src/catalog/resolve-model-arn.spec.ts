import { CATALOG_DATA } from './catalog-data';
import { ModelCatalog } from './model-catalog.service';
import { resolveModel } from './resolve-model';
import type { ResolveModelOptions } from './resolved-model';

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
const PROVISIONED = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456';

describe('resolveModel with ARNs', () => {
  const catalog = new ModelCatalog(CATALOG_DATA);
  const resolve = (input: string, options: Omit<ResolveModelOptions, 'catalog'> = {}) =>
    resolveModel(input, { catalog, ...options });

  it('resolves a foundation-model ARN and invokes with the ARN as given', () => {
    // Arrange
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`;

    // Act / Assert
    expect(resolve(arn)).toMatchObject({
      alias: 'claude-3-haiku',
      invokeId: arn,
      baseModelId: HAIKU_3,
      viaProfile: null,
    });
  });

  it('does not add a profile prefix to a foundation-model ARN, even for a profile-only model', () => {
    // Arrange
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`;

    // Act / Assert
    expect(resolve(arn, { region: 'us-east-1' })).toMatchObject({ invokeId: arn, viaProfile: null });
  });

  it('resolves inference-profile ARNs in any partition, with the profile kind from the prefix', () => {
    // Arrange
    const regional = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_4}`;
    const global = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${SONNET_45}`;
    const govCloud = `arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.${SONNET_4}`;

    // Act / Assert
    expect(resolve(regional)).toMatchObject({
      invokeId: regional,
      baseModelId: SONNET_4,
      viaProfile: 'geo',
    });
    expect(resolve(global)).toMatchObject({
      invokeId: global,
      baseModelId: SONNET_45,
      viaProfile: 'global',
    });
    expect(resolve(govCloud)).toMatchObject({
      invokeId: govCloud,
      alias: 'claude-sonnet-4',
      viaProfile: 'geo',
    });
  });

  it.each([
    PROVISIONED,
    'arn:aws:bedrock:us-east-1:123456789012:custom-model/anthropic.claude-3-haiku-20240307-v1:0/abcdefghijkl',
    'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-unknown-v1:0`,
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/anthropic.claude-no-prefix-v1:0',
    'arn:aws:s3:::bucket/key',
    'arn:nonsense',
  ])('returns null for %s without a hint', (arn) => {
    // Act / Assert
    expect(resolve(arn)).toBeNull();
  });

  it('resolves a provisioned-model ARN through a hint, with the base model facts but no per-token price', () => {
    // Arrange
    const arnHints = { [PROVISIONED]: { family: 'anthropic' as const, baseModelId: HAIKU_3 } };

    // Act
    const model = resolve(PROVISIONED, { arnHints });

    // Assert
    expect(model).toMatchObject({
      alias: 'claude-3-haiku',
      invokeId: PROVISIONED,
      baseModelId: HAIKU_3,
      family: 'anthropic',
      schema: 'anthropic-messages',
      viaProfile: null,
    });
    expect(model?.catalog?.maxOutputTokens).toBe(catalog.byModelId(HAIKU_3)?.maxOutputTokens);
    expect(model?.catalog?.pricing).toBeNull();
  });

  it('keeps the per-token price for an application inference profile over a known model', () => {
    // Arrange
    const arn = 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    const arnHints = { [arn]: { family: 'anthropic' as const, baseModelId: SONNET_4 } };

    // Act / Assert
    expect(resolve(arn, { arnHints })?.catalog?.pricing).toEqual(catalog.byModelId(SONNET_4)?.pricing);
  });

  it('uses the family text schema, the ARN as base id and no catalog when the hint names no base model', () => {
    // Arrange
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl';

    // Act
    const model = resolve(arn, { arnHints: { [arn]: { family: 'llama' } } });

    // Assert
    expect(model).toEqual({
      alias: null,
      invokeId: arn,
      baseModelId: arn,
      family: 'llama',
      schema: 'llama3',
      catalog: null,
      viaProfile: null,
      profileId: null,
      viaHint: true,
    });
  });

  it('lets the hint choose the schema', () => {
    // Arrange
    const arnHints = { [PROVISIONED]: { family: 'mistral' as const, schema: 'mistral-chat' as const } };

    // Act / Assert
    expect(resolve(PROVISIONED, { arnHints })?.schema).toBe('mistral-chat');
  });

  it('lets a hint override the catalog for its exact ARN, and ignores hints for non-ARN input', () => {
    // Arrange
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`;
    const arnHints = {
      [arn]: { family: 'anthropic' as const, baseModelId: SONNET_4 },
      'claude-3-haiku': { family: 'llama' as const },
    };

    // Act / Assert
    expect(resolve(arn, { arnHints })).toMatchObject({
      baseModelId: SONNET_4,
      invokeId: arn,
      alias: 'claude-sonnet-4',
    });
    expect(resolve('claude-3-haiku', { arnHints })).toMatchObject({
      family: 'anthropic',
      baseModelId: HAIKU_3,
    });
  });
});
