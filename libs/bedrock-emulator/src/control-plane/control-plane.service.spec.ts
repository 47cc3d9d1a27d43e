import { CATALOG_DATA } from '@app/bedrock';
import { ModelIdResolver } from '../model-resolution/model-id-resolver';
import { ControlPlaneService } from './control-plane.service';

const models = CATALOG_DATA.models;
const END_OF_LIFE_TIME = '2026-12-05T04:00:00.000Z';
const REGION = 'eu-west-1';
const service = new ControlPlaneService(
  models,
  new ModelIdResolver(models, new Set(['amazon.titan-text-lite-v1'])),
  END_OF_LIFE_TIME,
);
type Lifecycle = { modelLifecycle: Record<string, string> };
type Summary = { modelId: string; inferenceTypesSupported: string[]; providerName: string; modelArn: string };
const list = (query: string): Summary[] =>
  service.listFoundationModels(new URLSearchParams(query), REGION).modelSummaries as Summary[];

describe('ControlPlaneService', () => {
  it('lists every catalog model with an ARN in the region of the call', () => {
    const all = list('');

    expect(all).toHaveLength(models.length);
    expect(all[0]!.modelArn).toBe(`arn:aws:bedrock:eu-west-1::foundation-model/${models[0]!.modelId}`);
  });

  it('derives inferenceTypesSupported from the catalog profile facts', () => {
    const byId = new Map(list('').map((summary) => [summary.modelId, summary.inferenceTypesSupported]));

    expect(byId.get('anthropic.claude-sonnet-4-5-20250929-v1:0')).toEqual(['INFERENCE_PROFILE']);
    expect(byId.get('anthropic.claude-3-haiku-20240307-v1:0')).toEqual(['ON_DEMAND', 'INFERENCE_PROFILE']);
    expect(byId.get('mistral.mistral-7b-instruct-v0:2')).toEqual(['ON_DEMAND']);
  });

  it('filters by provider (case-insensitive), modality, inference type and customization', () => {
    const expectedProfileOnly = models.filter((m) => m.inferenceProfile.required).length;

    expect(list('byProvider=anthropic').every((s) => s.providerName === 'Anthropic')).toBe(true);
    expect(list('byProvider=anthropic').length).toBe(models.filter((m) => m.provider === 'Anthropic').length);
    expect(list('byOutputModality=EMBEDDING').map((s) => s.modelId)).toContain(
      'amazon.titan-embed-text-v2:0',
    );
    expect(list('byInferenceType=INFERENCE_PROFILE').length).toBeGreaterThan(expectedProfileOnly);
    expect(list('byInferenceType=ON_DEMAND').length).toBe(models.length - expectedProfileOnly);
    expect(list('byCustomizationType=FINE_TUNING')).toEqual([]);
  });

  it('rejects an enum value outside the model with a ValidationException', () => {
    expect(() => list('byOutputModality=VIDEO')).toThrow(/failed to satisfy constraint/);
  });

  it('pages the profiles the region is a source region of (eu. and global. from eu-west-1), ARNs in it', () => {
    const expected = models.flatMap((model) =>
      model.inferenceProfile.geographies
        .filter((geography) => geography === 'eu' || geography === 'global')
        .map((geography) => `${geography}.${model.modelId}`),
    );
    const seen: { inferenceProfileId: string; inferenceProfileArn: string }[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ maxResults: '7', ...(token ? { nextToken: token } : {}) });
      const page = service.listInferenceProfiles(query, REGION);
      seen.push(...(page.inferenceProfileSummaries as typeof seen));
      token = page.nextToken as string | undefined;
    } while (token);

    expect(seen.map((profile) => profile.inferenceProfileId)).toEqual(expected);
    expect(seen.map((profile) => profile.inferenceProfileArn)).toEqual(
      expected.map((id) => `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/${id}`),
    );
    expect(expected).toContain('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('lists from us-east-1 only us. and global. profiles', () => {
    const page = service.listInferenceProfiles(new URLSearchParams(), 'us-east-1');
    const ids = (page.inferenceProfileSummaries as { inferenceProfileId: string }[]).map(
      (profile) => profile.inferenceProfileId,
    );

    expect(ids).toContain('us.anthropic.claude-3-haiku-20240307-v1:0');
    expect(ids).toContain('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(ids.filter((id) => !/^(us|global)\./.test(id))).toEqual([]);
  });

  it('gets a profile by id or ARN in the region of the call, and 404s one the region does not offer', () => {
    const id = 'us.meta.llama3-3-70b-instruct-v1:0';
    const arn = (region: string, account = '123456789012') =>
      `arn:aws:bedrock:${region}:${account}:inference-profile/${id}`;

    expect(service.getInferenceProfile(id, 'us-west-2')).toMatchObject({
      inferenceProfileId: id,
      inferenceProfileArn: arn('us-west-2'),
      status: 'ACTIVE',
    });
    expect(service.getInferenceProfile(arn('us-west-2'), 'us-west-2')).toMatchObject({
      inferenceProfileName: 'US Meta Llama 3.3 70B Instruct',
    });
    expect(() => service.getInferenceProfile(id, REGION)).toThrow(/not found/);
    expect(() => service.getInferenceProfile(arn('us-east-1'), 'us-west-2')).toThrow(/not found/);
    expect(() => service.getInferenceProfile(arn('us-west-2', '111122223333'), 'us-west-2')).toThrow(
      /not found/,
    );
    expect(() => service.getInferenceProfile('eu.meta.llama3-3-70b-instruct-v1:0', REGION)).toThrow(
      /not found/,
    );
  });

  it('shows an end-of-life model as LEGACY with its end-of-life time, and the others as the catalog says', () => {
    // Act
    const lifecycles = new Map(
      list('').map((summary) => [summary.modelId, (summary as unknown as Lifecycle).modelLifecycle]),
    );
    const details = service.getFoundationModel('amazon.titan-text-lite-v1', REGION).modelDetails as Lifecycle;

    // Assert
    expect(lifecycles.get('amazon.titan-text-lite-v1')).toEqual({
      status: 'LEGACY',
      endOfLifeTime: END_OF_LIFE_TIME,
    });
    expect(details.modelLifecycle).toEqual({ status: 'LEGACY', endOfLifeTime: END_OF_LIFE_TIME });
    expect(lifecycles.get('anthropic.claude-3-haiku-20240307-v1:0')).toEqual({ status: 'ACTIVE' });
    expect(lifecycles.get('anthropic.claude-3-5-sonnet-20240620-v1:0')).toEqual({ status: 'LEGACY' });
  });

  it('gets a foundation model by id or ARN of the region, and 404s an unknown one', () => {
    const arn = (region: string) => `arn:aws:bedrock:${region}::foundation-model/cohere.embed-english-v3`;

    expect(service.getFoundationModel('cohere.embed-english-v3', REGION)).toHaveProperty(
      'modelDetails.modelArn',
      arn(REGION),
    );
    expect(service.getFoundationModel(arn(REGION), REGION)).toHaveProperty('modelDetails.modelId');
    expect(() => service.getFoundationModel(arn('us-east-1'), REGION)).toThrow(/Could not resolve/);
    expect(() => service.getFoundationModel('nope.nope-v1', REGION)).toThrow(/Could not resolve/);
  });
});
