/**
 * Regions of a system-defined inference profile, per geography prefix: where it routes to, and (except for
 * `global`) where it can be called from. Taken from the AWS cross-region inference page
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html); `models` in a profile
 * summary is capped at 5 by the service model, so the lists are too.
 */
const GEOGRAPHIES: Record<string, { label: string; regions: string[] }> = {
  us: { label: 'US', regions: ['us-east-1', 'us-east-2', 'us-west-2'] },
  eu: { label: 'EU', regions: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'] },
  apac: {
    label: 'APAC',
    regions: ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'],
  },
  jp: { label: 'JP', regions: ['ap-northeast-1', 'ap-northeast-3'] },
  au: { label: 'AU', regions: ['ap-southeast-2', 'ap-southeast-4'] },
  ca: { label: 'CA', regions: ['ca-central-1', 'ca-west-1'] },
  'us-gov': { label: 'US-GOV', regions: ['us-gov-west-1', 'us-gov-east-1'] },
  global: {
    label: 'Global',
    regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1', 'ap-southeast-2'],
  },
};

export function geographyLabel(geography: string): string {
  return GEOGRAPHIES[geography]?.label ?? geography.toUpperCase();
}

export function geographyRegions(geography: string, fallbackRegion: string): string[] {
  return GEOGRAPHIES[geography]?.regions ?? [fallbackRegion];
}

/** Regions outside the commercial partition (GovCloud, China, ISO), where no `global.` profile is offered. */
const NON_COMMERCIAL = /^(?:us-gov|cn|us-iso[a-z]?|eu-isoe)-/;

/**
 * Whether a `<geography>.` profile can be called from `region`, one of its source Regions ("The Region from
 * which you make the API request that specifies the inference profile", AWS): a region of the geography;
 * any commercial region for `global`; any region for a geography this table does not know.
 */
export function isSourceRegion(geography: string, region: string): boolean {
  if (geography === 'global') return !NON_COMMERCIAL.test(region);
  return GEOGRAPHIES[geography]?.regions.includes(region) ?? true;
}
