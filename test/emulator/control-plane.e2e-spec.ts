import {
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListFoundationModelsCommandInput,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import { CATALOG_DATA } from '@app/bedrock';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  controlClient as signedControlClient,
  rejectionOf,
  startEmulator,
} from './support/emulator-harness';

/** The profiles eu-west-1 is a source region of: every `eu.` and `global.` one. */
const euWestProfileCount = CATALOG_DATA.models.reduce(
  (sum, m) => sum + m.inferenceProfile.geographies.filter((g) => g === 'eu' || g === 'global').length,
  0,
);

describe('bedrock control plane over HTTP/1.1 with the real SDK', () => {
  let emulator: BedrockEmulator;
  // The calls are made in eu-west-1: the region the client signs for, which the emulator answers in.
  const controlClient = (target: BedrockEmulator) => signedControlClient(target, { region: 'eu-west-1' });

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.clearRequests());

  it('lists every catalog model, over one keep-alive HTTP/1.1 connection', async () => {
    const client = controlClient(emulator);

    const all = await client.send(new ListFoundationModelsCommand({}));
    await client.send(new ListFoundationModelsCommand({}));

    expect(all.modelSummaries).toHaveLength(CATALOG_DATA.models.length);
    expect(all.modelSummaries![0]!.modelArn).toMatch(/^arn:aws:bedrock:eu-west-1::foundation-model\//);
    expect(emulator.requests.map((r) => r.protocol)).toEqual(['1.1', '1.1']);
  });

  it('filters by provider, output modality, inference type (incl. INFERENCE_PROFILE) and customization', async () => {
    const client = controlClient(emulator);
    const ids = async (input: ListFoundationModelsCommandInput) =>
      ((await client.send(new ListFoundationModelsCommand(input))).modelSummaries ?? []).map(
        (s) => s.modelId,
      );

    const meta = await ids({ byProvider: 'Meta', byOutputModality: 'TEXT' });
    const embeddings = await ids({ byOutputModality: 'EMBEDDING' });
    const profileOnly = await ids({ byInferenceType: 'INFERENCE_PROFILE' as never });
    const fineTunable = await ids({ byCustomizationType: 'FINE_TUNING' });

    expect(meta).toEqual(CATALOG_DATA.models.filter((m) => m.provider === 'Meta').map((m) => m.modelId));
    expect(embeddings.sort()).toEqual(
      CATALOG_DATA.models
        .filter((m) => m.kind === 'embedding')
        .map((m) => m.modelId)
        .sort(),
    );
    expect(profileOnly).toContain('anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(profileOnly).not.toContain('mistral.mistral-7b-instruct-v0:2');
    expect(fineTunable).toEqual([]);
  });

  it('gets one model by id and by ARN, and 404s an unknown one', async () => {
    const client = controlClient(emulator);

    const byId = await client.send(new GetFoundationModelCommand({ modelIdentifier: HAIKU_3 }));
    const byArn = await client.send(
      new GetFoundationModelCommand({
        modelIdentifier: `arn:aws:bedrock:eu-west-1::foundation-model/${HAIKU_3}`,
      }),
    );
    const error = await rejectionOf(
      client.send(new GetFoundationModelCommand({ modelIdentifier: 'nope.model-v1' })),
    );

    expect(byId.modelDetails).toMatchObject({
      modelId: HAIKU_3,
      providerName: 'Anthropic',
      inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    expect(byArn.modelDetails?.modelId).toBe(HAIKU_3);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(emulator.requests.map((r) => r.attempt)).toEqual([1, 1, 1]);
  });

  it('shows a model flipped to end of life as LEGACY with an endOfLifeTime, listed and got', async () => {
    const before = new Date();
    const eol = await startEmulator({ endOfLife: [HAIKU_3] });
    try {
      const client = controlClient(eol);

      const listed = (await client.send(new ListFoundationModelsCommand({}))).modelSummaries ?? [];
      const got = await client.send(new GetFoundationModelCommand({ modelIdentifier: HAIKU_3 }));

      const lifecycle = listed.find((summary) => summary.modelId === HAIKU_3)?.modelLifecycle;
      expect(lifecycle?.status).toBe('LEGACY');
      expect(lifecycle?.endOfLifeTime).toBeInstanceOf(Date);
      expect(lifecycle!.endOfLifeTime!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(got.modelDetails?.modelLifecycle).toEqual(lifecycle);
      expect(listed.find((summary) => summary.modelId !== HAIKU_3)?.modelLifecycle).not.toHaveProperty(
        'endOfLifeTime',
      );
    } finally {
      await eol.stop();
    }
  });

  it('pages inference profiles with maxResults/nextToken and filters by type', async () => {
    const client = controlClient(emulator);
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListInferenceProfilesCommand({ maxResults: 10, nextToken }));
      ids.push(...(page.inferenceProfileSummaries ?? []).map((p) => p.inferenceProfileId!));
      nextToken = page.nextToken;
    } while (nextToken);
    const application = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));

    expect(ids).toHaveLength(euWestProfileCount);
    expect(ids).toContain(`eu.${HAIKU_3}`);
    expect(application.inferenceProfileSummaries).toEqual([]);
  });

  it('gets an inference profile with dates parsed by the SDK, and 404s an unknown one', async () => {
    const client = controlClient(emulator);

    const profile = await client.send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: `eu.${HAIKU_3}` }),
    );
    const error = await rejectionOf(
      client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: `jp.${HAIKU_3}` })),
    );

    expect(profile).toMatchObject({
      inferenceProfileArn: `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${HAIKU_3}`,
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    });
    expect(profile.createdAt).toBeInstanceOf(Date);
    expect(profile.models!.length).toBeGreaterThan(0);
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('rejects an out-of-range maxResults with ValidationException', async () => {
    const error = await rejectionOf(
      controlClient(emulator).send(new ListInferenceProfilesCommand({ maxResults: 5000 })),
    );

    expect(error.name).toBe('ValidationException');
  });
});
