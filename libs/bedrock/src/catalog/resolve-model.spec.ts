import { CATALOG_DATA } from './catalog-data';
import { ModelCatalog } from './model-catalog.service';
import { resolveModel } from './resolve-model';
import type { ResolveModelOptions } from './resolved-model';

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';

describe('resolveModel', () => {
  const catalog = new ModelCatalog(CATALOG_DATA);
  const resolve = (input: string, options: Omit<ResolveModelOptions, 'catalog'> = {}) =>
    resolveModel(input, { catalog, ...options });

  describe('aliases and foundation ids', () => {
    it('resolves an alias of an on-demand model to its foundation id', () => {
      // Act
      const model = resolve('claude-3-haiku', { region: 'us-east-1' });

      // Assert
      expect(model).toEqual({
        alias: 'claude-3-haiku',
        invokeId: HAIKU_3,
        baseModelId: HAIKU_3,
        family: 'anthropic',
        schema: 'anthropic-messages',
        catalog: catalog.byAlias('claude-3-haiku'),
        viaProfile: null,
        profileId: null,
        viaHint: false,
      });
    });

    it('resolves a bare foundation id and fills in the alias', () => {
      // Act / Assert
      expect(resolve('mistral.mistral-large-2407-v1:0')).toMatchObject({
        alias: 'mistral-large-2407',
        invokeId: 'mistral.mistral-large-2407-v1:0',
        family: 'mistral',
        schema: 'mistral-chat',
      });
    });

    it('trims surrounding whitespace', () => {
      // Act / Assert
      expect(resolve('  command-r \n')?.invokeId).toBe('cohere.command-r-v1:0');
    });

    it.each([
      '',
      '   ',
      'gpt-4o',
      'anthropic.claude-unknown-v1:0',
      'CLAUDE-3-HAIKU',
      'constructor',
      'toString',
    ])('returns null for the unknown reference %p', (input) => {
      // Act / Assert
      expect(resolve(input, { arnHints: {} })).toBeNull();
    });
  });

  describe('inference-profile ids', () => {
    it.each([
      ['us', 'geo'],
      ['eu', 'geo'],
      ['apac', 'geo'],
      ['us-gov', 'geo'],
      ['jp', 'geo'],
      ['au', 'geo'],
      ['ca', 'geo'],
      ['global', 'global'],
    ])('strips the %s. prefix for lookups and keeps it in invokeId', (geography, viaProfile) => {
      // Arrange
      const input = `${geography}.${SONNET_4}`;

      // Act
      const model = resolve(input, { region: 'eu-west-1' });

      // Assert
      expect(model).toMatchObject({
        alias: 'claude-sonnet-4',
        invokeId: input,
        baseModelId: SONNET_4,
        viaProfile,
      });
    });

    it('accepts a two-letter geography AWS may add later', () => {
      // Act / Assert
      expect(resolve(`in.${SONNET_45}`)).toMatchObject({ baseModelId: SONNET_45, viaProfile: 'geo' });
    });

    it('does not strip a segment that is not a geography, nor resolve an unknown base id', () => {
      // Act / Assert
      expect(resolve(`meta.${SONNET_45}`)).toBeNull();
      expect(resolve('us.anthropic.claude-unknown-v1:0')).toBeNull();
      expect(resolve('us.')).toBeNull();
    });
  });

  describe('adding the geography prefix a profile-only model needs', () => {
    it.each([
      ['claude-sonnet-4-5', 'us-east-1', `us.${SONNET_45}`, 'geo'],
      ['claude-sonnet-4-5', 'us-west-2', `us.${SONNET_45}`, 'geo'],
      ['claude-sonnet-4-5', 'eu-central-1', `eu.${SONNET_45}`, 'geo'],
      ['claude-sonnet-4-5', 'ap-northeast-1', `jp.${SONNET_45}`, 'geo'],
      ['claude-sonnet-4', 'ap-northeast-1', `apac.${SONNET_4}`, 'geo'],
      ['claude-sonnet-4-5', 'ap-southeast-2', `au.${SONNET_45}`, 'geo'],
      ['claude-sonnet-4', 'ap-southeast-2', `apac.${SONNET_4}`, 'geo'],
      ['claude-sonnet-4', 'ap-south-1', `apac.${SONNET_4}`, 'geo'],
      ['claude-sonnet-4-5', 'ap-south-1', `global.${SONNET_45}`, 'global'],
      ['claude-sonnet-4-5', 'us-gov-west-1', `global.${SONNET_45}`, 'global'],
      ['claude-sonnet-4-5', 'ca-central-1', `global.${SONNET_45}`, 'global'],
      ['claude-sonnet-4-5', 'sa-east-1', `global.${SONNET_45}`, 'global'],
      ['claude-sonnet-4-5', undefined, `global.${SONNET_45}`, 'global'],
      [SONNET_45, 'eu-west-3', `eu.${SONNET_45}`, 'geo'],
    ])('%s from %s is invoked as %s', (input, region, invokeId, viaProfile) => {
      // Act
      const model = resolve(input, { region });

      // Assert
      expect(model).toMatchObject({ invokeId, viaProfile });
      expect(invokeId.endsWith(`.${model?.baseModelId}`)).toBe(true);
    });

    it('uses ca. from a Canadian region and us-gov. from GovCloud when the model lists them', () => {
      // Arrange
      const base = CATALOG_DATA.models.find((model) => model.modelId === SONNET_4)!;
      const listed = {
        ...base,
        inferenceProfile: { required: true, geographies: ['us', 'ca', 'us-gov', 'global'] },
      };
      const custom = new ModelCatalog({
        ...CATALOG_DATA,
        models: [listed],
        defaultModel: base.alias,
        recommendations: {},
      });

      // Act / Assert
      expect(resolveModel(base.alias, { catalog: custom, region: 'ca-central-1' })?.invokeId).toBe(
        `ca.${SONNET_4}`,
      );
      expect(resolveModel(base.alias, { catalog: custom, region: 'us-gov-east-1' })?.invokeId).toBe(
        `us-gov.${SONNET_4}`,
      );
    });

    it('keeps the bare id when neither the region geography nor global is offered', () => {
      // Act
      const model = resolve('claude-3-5-haiku', { region: 'eu-west-1' });

      // Assert
      expect(model).toMatchObject({ invokeId: 'anthropic.claude-3-5-haiku-20241022-v1:0', viaProfile: null });
    });

    it('does not prefix a model that can be called on demand', () => {
      // Act / Assert
      expect(resolve('claude-3-haiku', { region: 'eu-west-1' })).toMatchObject({
        invokeId: HAIKU_3,
        viaProfile: null,
      });
    });
  });
});
