/**
 * Geography prefixes of system-defined inference profiles (`us.anthropic…`, `global.anthropic…`).
 * See bedrock-wire.md §0.6 and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 */
const KNOWN_GEOGRAPHIES = new Set(['us', 'eu', 'apac', 'us-gov', 'jp', 'au', 'ca', 'global']);

/** Regions outside the commercial partition (GovCloud, China, ISO), where no `global.` profile is offered. */
const NON_COMMERCIAL = /^(?:us-gov|cn|us-iso[a-z]?|eu-isoe)-/;

/** Two-letter prefixes (optionally `xx-yyy`) are accepted too, for geographies AWS adds later. */
const FUTURE_GEOGRAPHY = /^[a-z]{2}(-[a-z]{2,4})?$/;

export function isGeographyPrefix(segment: string): boolean {
  return KNOWN_GEOGRAPHIES.has(segment) || FUTURE_GEOGRAPHY.test(segment);
}

/** Splits `us.anthropic.claude…` into `['us', 'anthropic.claude…']`; null when there is no geography prefix. */
export function splitGeographyPrefix(id: string): [geography: string, baseId: string] | null {
  const dot = id.indexOf('.');
  if (dot <= 0) return null;
  const geography = id.slice(0, dot);
  return isGeographyPrefix(geography) ? [geography, id.slice(dot + 1)] : null;
}

/**
 * The profile geography to use from `region` for a model offering `geographies`:
 * us-gov-* → us-gov, us-* → us, eu-* → eu, ca-* → ca, ap-northeast-1 and -3 → jp (else apac),
 * ap-southeast-2 and -4 → au (else apac), other ap-* → apac; `global` when the region's geography is not
 * offered (or no region is configured); null when neither is available.
 */
export function geographyForRegion(
  region: string | undefined,
  geographies: readonly string[],
): string | null {
  const preferred = region === undefined ? [] : regionGeographies(region);
  const match = preferred.find((geography) => geographies.includes(geography));
  if (match !== undefined) return match;
  return geographies.includes('global') ? 'global' : null;
}

/**
 * The regions, of `regions` (the primary first, then the failover regions), from which a call for
 * `invokeId` can be made. A geography's inference profile (`us.anthropic…`) is served only from its
 * source regions, and an ARN names its region: a failover region outside them would answer "The provided
 * model identifier is invalid." (a 400, not retried), so it is left out. A base model id keeps every
 * region, a `global.` profile every commercial one. The primary region is always kept: it is the configured choice.
 */
export function regionsServing(invokeId: string, regions: readonly string[]): readonly string[] {
  if (regions.length < 2) return regions;
  const [primary, ...failover] = regions;
  const arnRegion = /^arn:[^:]+:bedrock:([^:]*):/.exec(invokeId)?.[1];
  const geography = arnRegion === undefined ? splitGeographyPrefix(invokeId)?.[0] : undefined;
  const serves = (region: string): boolean =>
    arnRegion !== undefined
      ? region === arnRegion
      : geography === undefined ||
        (geography === 'global'
          ? !NON_COMMERCIAL.test(region)
          : regionGeographies(region).includes(geography));
  const kept = failover.filter(serves);
  return kept.length === failover.length ? regions : [primary as string, ...kept];
}

/** Candidate geographies for a region, most specific first. */
function regionGeographies(region: string): string[] {
  if (region.startsWith('us-gov-')) return ['us-gov'];
  if (region.startsWith('us-')) return ['us'];
  if (region.startsWith('eu-')) return ['eu'];
  if (region.startsWith('ca-')) return ['ca'];
  // Tokyo and Osaka are Japan's source regions, Sydney and Melbourne Australia's: a model offered there
  // stays in the country rather than go through `global.`.
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return ['jp', 'apac'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['au', 'apac'];
  if (region.startsWith('ap-')) return ['apac'];
  return [];
}
