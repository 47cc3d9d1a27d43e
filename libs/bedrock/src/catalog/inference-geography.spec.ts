import { geographyForRegion, isGeographyPrefix, splitGeographyPrefix } from './inference-geography';

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
