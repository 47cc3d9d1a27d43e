import {
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import { RetrieveAndGenerateCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  agentClient,
  controlClient,
  converseInput,
  rejectionOf,
  runtimeClient,
  startEmulator,
} from './support/emulator-harness';

const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const INVALID = 'The provided model identifier is invalid.';

/**
 * A call is made in the region its SigV4 credential scope names, as on Bedrock's regional endpoints: one
 * emulator (started in us-east-1) answers clients signing for several regions, each in its own.
 */
describe('bedrock-local answers each call in the region it is signed for', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ region: 'us-east-1' });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  const converse = (region: string, modelId: string) =>
    runtimeClient(emulator, { region }).send(new ConverseCommand(converseInput(modelId, 'hi')));

  it('accepts a profile only from its source regions, and logs the region of each call', async () => {
    // Act
    const usFromUs = await converse('us-east-1', `us.${SONNET_45}`);
    const euFromEu = await converse('eu-west-1', `eu.${SONNET_45}`);
    const globalFromEu = await converse('eu-central-1', `global.${SONNET_45}`);
    const euFromUs = await rejectionOf(converse('us-east-1', `eu.${SONNET_45}`));
    const apacFromUs = await rejectionOf(converse('us-east-1', `apac.${HAIKU_3}`));
    // LibreChat#5001: a default region of eu-west-3 with `us.anthropic.*` ids.
    const usFromParis = await rejectionOf(converse('eu-west-3', `us.${SONNET_45}`));

    // Assert
    for (const output of [usFromUs, euFromEu, globalFromEu]) expect(output.stopReason).toBe('end_turn');
    for (const error of [euFromUs, apacFromUs, usFromParis]) {
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
      expect(error.message).toBe(INVALID);
    }
    expect(emulator.requests.map((record) => [record.region, record.status])).toEqual([
      ['us-east-1', 200],
      ['eu-west-1', 200],
      ['eu-central-1', 200],
      ['us-east-1', 400],
      ['us-east-1', 400],
      ['eu-west-3', 400],
    ]);
  });

  it("accepts a model or profile ARN only of the call's region, and a profile ARN only of its account", async () => {
    // Act
    const ownRegion = await converse('eu-west-1', `arn:aws:bedrock:eu-west-1::foundation-model/${HAIKU_3}`);
    const ownProfile = await converse(
      'eu-west-1',
      `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${SONNET_45}`,
    );
    const refused = await Promise.all(
      [
        `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`,
        `arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.${SONNET_45}`,
        `arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.${SONNET_45}`,
      ].map((modelId) => rejectionOf(converse('eu-west-1', modelId))),
    );

    // Assert
    expect([ownRegion.stopReason, ownProfile.stopReason]).toEqual(['end_turn', 'end_turn']);
    expect(refused.map((error) => [error.name, error.message])).toEqual([
      ['ValidationException', INVALID],
      ['ValidationException', INVALID],
      ['ValidationException', INVALID],
    ]);
  });

  it("lists only the region's profiles, with ARNs in that region", async () => {
    // Act
    const list = async (region: string) =>
      (await controlClient(emulator, { region }).send(new ListInferenceProfilesCommand({})))
        .inferenceProfileSummaries ?? [];
    const virginia = await list('us-east-1');
    const ireland = await list('eu-west-1');
    const tokyo = await list('ap-northeast-1');

    // Assert
    const prefixes = (profiles: typeof virginia) =>
      [...new Set(profiles.map((profile) => profile.inferenceProfileId!.split('.')[0]))].sort();
    expect(prefixes(virginia)).toEqual(['global', 'us']);
    expect(prefixes(ireland)).toEqual(['eu', 'global']);
    expect(prefixes(tokyo)).toEqual(['apac', 'global', 'jp']);
    for (const [region, profiles] of [
      ['us-east-1', virginia],
      ['eu-west-1', ireland],
    ] as const) {
      for (const profile of profiles) {
        expect(profile.inferenceProfileArn).toBe(
          `arn:aws:bedrock:${region}:123456789012:inference-profile/${profile.inferenceProfileId}`,
        );
      }
    }
  });

  it('gets profiles and models in the region of the call, and 404s those of another region', async () => {
    // Arrange
    const ireland = controlClient(emulator, { region: 'eu-west-1' });

    // Act
    const profile = await ireland.send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: `eu.${HAIKU_3}` }),
    );
    const usProfile = await rejectionOf(
      ireland.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: `us.${HAIKU_3}` })),
    );
    const models = await ireland.send(new ListFoundationModelsCommand({}));
    const otherRegionModel = await rejectionOf(
      ireland.send(
        new GetFoundationModelCommand({
          modelIdentifier: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`,
        }),
      ),
    );

    // Assert
    expect(profile.inferenceProfileArn).toBe(
      `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${HAIKU_3}`,
    );
    expect(usProfile.name).toBe('ResourceNotFoundException');
    expect(
      models.modelSummaries!.every((model) => model.modelArn!.startsWith('arn:aws:bedrock:eu-west-1::')),
    ).toBe(true);
    expect(otherRegionModel.name).toBe('ResourceNotFoundException');
  });

  it("resolves RetrieveAndGenerate's modelArn in the region of the call", async () => {
    // Arrange
    const ask = (region: string, modelArn: string) =>
      agentClient(emulator, { region }).send(
        new RetrieveAndGenerateCommand({
          input: { text: 'What is the refund policy?' },
          retrieveAndGenerateConfiguration: {
            type: 'KNOWLEDGE_BASE',
            knowledgeBaseConfiguration: { knowledgeBaseId: 'KBGENERAL1', modelArn },
          },
        }),
      );

    // Act
    const answered = await ask('eu-west-1', `eu.${SONNET_45}`);
    const refused = await rejectionOf(ask('us-east-1', `eu.${SONNET_45}`));

    // Assert
    expect(answered.output?.text).toEqual(expect.any(String));
    expect([refused.name, refused.message]).toEqual(['ValidationException', INVALID]);
  });

  it('answers a bearer-token call, which names no region, in the emulator region', async () => {
    // Arrange
    const call = (modelId: string) =>
      fetch(`${emulator.url}/model/${encodeURIComponent(modelId)}/converse`, {
        method: 'POST',
        headers: { authorization: 'Bearer local-api-key', 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
      });

    // Act
    const us = await call(`us.${SONNET_45}`);
    const eu = await call(`eu.${SONNET_45}`);

    // Assert
    expect([us.status, eu.status]).toEqual([200, 400]);
    expect(emulator.requests.map((record) => record.region)).toEqual(['us-east-1', 'us-east-1']);
  });
});
