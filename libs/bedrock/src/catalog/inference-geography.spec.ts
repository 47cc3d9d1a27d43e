import {
  geographyForRegion,
  isGeographyPrefix,
  regionsServing,
  splitGeographyPrefix,
} from './inference-geography';

describe('splitGeographyPrefix', () => {
  it.each([
    ['us.anthropic.claude-x', ['us', 'anthropic.claude-x']],
    ['us-gov.anthropic.claude-x', ['us-gov', 'anthropic.claude-x']],
    ['apac.meta.llama3', ['apac', 'meta.llama3']],
    ['global.anthropic.claude-x', ['global', 'anthropic.claude-x']],
  ])('splits %s', (id, expected) => {
    // Act / Assert
    expect(splitGeographyPrefix(id)).toEqual(expected);
  });

  it.each(['anthropic.claude-x', 'meta.llama3-8b', 'nodot', '.leading'])('finds no prefix in %s', (id) => {
    // Act / Assert
    expect(splitGeographyPrefix(id)).toBeNull();
  });
});

describe('isGeographyPrefix', () => {
  it('accepts the known geographies and future two-letter ones, not provider names', () => {
    // Act / Assert
    expect(
      ['us', 'eu', 'apac', 'us-gov', 'jp', 'au', 'ca', 'global', 'in', 'mx'].every(isGeographyPrefix),
    ).toBe(true);
    expect(['anthropic', 'meta', 'amazon', 'cohere', 'mistral'].some(isGeographyPrefix)).toBe(false);
  });
});

describe('geographyForRegion', () => {
  const all = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'us-gov', 'global'];

  it.each([
    ['us-east-1', all, 'us'],
    ['us-gov-west-1', all, 'us-gov'],
    ['eu-north-1', all, 'eu'],
    ['ca-central-1', all, 'ca'],
    ['ap-northeast-1', all, 'jp'],
    ['ap-northeast-1', ['apac', 'global'], 'apac'],
    ['ap-southeast-2', all, 'au'],
    ['ap-southeast-2', ['apac'], 'apac'],
    ['ap-southeast-1', all, 'apac'],
    ['ap-northeast-3', ['us', 'eu', 'jp', 'au', 'global'], 'jp'], // Osaka stays in Japan, not global
    ['ap-southeast-4', ['us', 'eu', 'jp', 'au', 'global'], 'au'],
    ['me-central-1', all, 'global'],
    ['us-gov-west-1', ['us', 'global'], 'global'],
    ['eu-west-1', ['us'], null],
    [undefined, ['us', 'global'], 'global'],
    [undefined, ['us'], null],
  ])('%s with %p → %p', (region, geographies, expected) => {
    // Act / Assert
    expect(geographyForRegion(region, geographies)).toBe(expected);
  });
});

describe('regionsServing', () => {
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', regions],
    ['global.anthropic.claude-sonnet-4-20250514-v1:0', regions],
    ['us.anthropic.claude-3-5-haiku-20241022-v1:0', ['us-east-1', 'us-west-2']],
    ['apac.anthropic.claude-3-5-sonnet-20240620-v1:0', ['us-east-1', 'ap-northeast-1']],
    ['eu.meta.llama3-2-1b-instruct-v1:0', ['us-east-1', 'eu-west-1']],
    [
      'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0',
      ['us-east-1', 'us-west-2'],
    ],
    [
      'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      ['us-east-1', 'eu-west-1'],
    ],
  ])('fails over for %s only to %j (the primary kept)', (invokeId, expected) => {
    // Act / Assert
    expect(regionsServing(invokeId, regions)).toEqual(expected);
  });

  it('keeps no GovCloud or China failover region for a global. profile', () => {
    // Act / Assert
    expect(
      regionsServing('global.anthropic.claude-x', ['us-east-1', 'us-gov-west-1', 'cn-north-1', 'eu-west-1']),
    ).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('returns the configured list itself when no region is left out', () => {
    // Arrange
    const configured = ['us-east-1', 'us-east-2'];
    // Act / Assert
    expect(regionsServing('us.anthropic.claude-x', configured)).toBe(configured);
  });
});
