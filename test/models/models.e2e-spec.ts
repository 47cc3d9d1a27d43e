import { CATALOG_DATA } from '@app/bedrock';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { ModelAvailability } from '../../apps/gateway/src/models/model-availability.service';
import { TestGateway, getJson, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// GET /bedrock/models[/:model]: the shared catalog in API.md's shape, live availability when known.
const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_45_ID = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('GET /bedrock/models', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    // The region offers every catalog model but Claude 3 Haiku.
    emulator = await startEmulator({ models: CATALOG_DATA.models.filter((m) => m.modelId !== HAIKU_ID) });
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
    await gateway.app.get(ModelAvailability).refresh();
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  const models = (path = '') => getJson(`${gateway.url}/bedrock/models${path}`);

  it('lists every catalog model in the API shape, with the default and the recommendation guide', async () => {
    // Act
    const { status, json } = await models();
    // Assert
    expect(status).toBe(200);
    expect(json.default_model).toBe(CATALOG_DATA.defaultModel);
    expect(json.recommendation_guide).toEqual(CATALOG_DATA.recommendations);
    expect(Object.keys(json.recommendation_guide)).toEqual(
      expect.arrayContaining(['cost_effective', 'best_reasoning', 'fastest', 'open_weight', 'aws_native']),
    );
    expect(json.models.map((m: { alias: string }) => m.alias)).toEqual(
      CATALOG_DATA.models.map((m) => m.alias),
    );
    const haiku = json.models.find((m: { alias: string }) => m.alias === 'claude-3-haiku');
    expect(Object.keys(haiku).sort()).toEqual(
      [
        'alias',
        'available',
        'context_window',
        'family',
        'inference_profile_required',
        'max_output_tokens',
        'model_id',
        'pricing',
        'provider',
        'status',
        'streaming',
        'use_cases',
      ].sort(),
    );
    expect(haiku).toMatchObject({
      model_id: HAIKU_ID,
      family: 'anthropic',
      provider: 'Anthropic',
      pricing: {
        input_per_1m: 0.25,
        output_per_1m: 1.25,
        currency: 'USD',
        as_of: expect.stringMatching(/^\d{4}-\d{2}$/),
      },
      streaming: true,
      inference_profile_required: false,
      status: expect.stringMatching(/^(active|legacy)$/),
    });
    expect(haiku.pricing.source).toEqual(expect.any(String));
  });

  it("shows the regional multiplier that a call's estimated_cost applies", async () => {
    // Arrange
    const { json: sonnet } = await models('/claude-sonnet-4-5');
    const pricing = sonnet.pricing as {
      input_per_1m: number;
      output_per_1m: number;
      regional_multiplier: number;
    };
    // Act: us-east-1 with a geographic (us.) profile.
    const { json: chat } = await postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Hi',
      model: 'claude-sonnet-4-5',
      max_tokens: 50,
    });
    // Assert
    expect(pricing.regional_multiplier).toBe(1.1);
    expect(chat.model_id).toMatch(/^us\./);
    const { input_tokens: input, output_tokens: output } = chat.tokens_used;
    const expected = ((input * pricing.input_per_1m + output * pricing.output_per_1m) * 1.1) / 1e6;
    expect(chat.estimated_cost).toBeCloseTo(expected, 9);
    const { json: haiku } = await models('/claude-3-haiku');
    expect(haiku.pricing).not.toHaveProperty('regional_multiplier');
  });

  it('marks which catalog models the region lists (ListFoundationModels)', async () => {
    // Act
    const { json } = await models();
    // Assert
    const byId = new Map(
      json.models.map((m: { model_id: string; available: boolean }) => [m.model_id, m.available]),
    );
    expect(byId.get(HAIKU_ID)).toBe(false);
    expect(byId.get(SONNET_45_ID)).toBe(true);
  });

  it.each([
    ['an alias', 'claude-sonnet-4-5'],
    ['a URL-encoded model id', encodeURIComponent(SONNET_45_ID)],
    ['an inference-profile id', encodeURIComponent(`us.${SONNET_45_ID}`)],
    [
      'a URL-encoded foundation-model ARN',
      encodeURIComponent(`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45_ID}`),
    ],
    [
      'an account-scoped inference-profile ARN (over Fastify default 100-character parameter)',
      encodeURIComponent(`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_45_ID}`),
    ],
  ])('answers one model by %s', async (_what, reference) => {
    // Act
    const { status, json } = await models(`/${reference}`);
    // Assert
    expect(status).toBe(200);
    expect(json).toMatchObject({
      alias: 'claude-sonnet-4-5',
      model_id: SONNET_45_ID,
      inference_profile_required: true,
      available: true,
    });
  });

  it.each(['?family=llama', '/claude-3-haiku?verbose=1'])(
    'refuses a query parameter it does not take (%s) with a 400 naming it',
    async (path) => {
      // Act
      const { status, json } = await models(path);
      // Assert
      expect(status).toBe(400);
      expect(json.error.code).toBe('validation_error');
      expect(json.error.details.map((d: { field: string }) => d.field)).toEqual([
        path.split('?')[1]!.split('=')[0],
      ]);
    },
  );

  it('answers 404 model_not_found with the aliases for an unknown model', async () => {
    // Act
    const { status, json, headers } = await models('/gpt-4');
    // Assert
    expect(status).toBe(404);
    expect(json.error).toMatchObject({ code: 'model_not_found', request_id: headers.get('x-request-id') });
    expect(json.error.message).toContain('claude-3-haiku');
  });

  it('answers 404 model_not_found for an unknown reference of 150 characters', async () => {
    const { status, json } = await models(`/${'x'.repeat(150)}`);
    expect(status).toBe(404);
    expect(json.error.code).toBe('model_not_found');
  });

  it.each([
    ['a path that is not valid percent-encoding', '/%zz', 'percent-encoding'],
    ['a path parameter over 2,048 characters', `/${'x'.repeat(2049)}`, 'longer than 2048'],
  ])('answers %s with 400 in the envelope and the request id', async (_what, path, message) => {
    const { status, json, headers } = await getJson(`${gateway.url}/bedrock/models${path}`, {
      'x-request-id': 'probe-framework-error',
    });
    expect(status).toBe(400);
    expect(headers.get('x-request-id')).toBe('probe-framework-error');
    expect(json.error).toMatchObject({ code: 'validation_error', request_id: 'probe-framework-error' });
    expect(json.error.message).toContain(message);
  });
});

describe('GET /bedrock/models while the control plane is down', () => {
  it('still answers from the catalog, without availability', async () => {
    // Arrange: the only list the gateway could have fetched failed (Bedrock unreachable from boot).
    const emulator = await startEmulator();
    const stoppedUrl = emulator.url;
    await emulator.stop();
    const gateway = await startGateway({ BEDROCK_ENDPOINT_URL: stoppedUrl });
    try {
      await gateway.app.get(ModelAvailability).refresh();
      // Act
      const { status, json } = await getJson(`${gateway.url}/bedrock/models`);
      // Assert
      expect(status).toBe(200);
      expect(json.models).toHaveLength(CATALOG_DATA.models.length);
      expect(json.models.every((m: object) => !('available' in m))).toBe(true);
    } finally {
      await gateway.close();
    }
  });
});

describe('DEFAULT_MODEL', () => {
  it('names the default of the list and of chats without a model', async () => {
    // Arrange
    const emulator = await startEmulator();
    const gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, DEFAULT_MODEL: 'llama-3-1' });
    try {
      // Act
      const list = await getJson(`${gateway.url}/bedrock/models`);
      const chat = await postJson(`${gateway.url}/bedrock/chat`, { message: 'Hi' });
      // Assert
      expect(list.json.default_model).toBe('llama-3-1');
      expect(chat.json.model_used).toBe('llama-3-1');
    } finally {
      await gateway.close();
      await emulator.stop();
    }
  });

  it('stops the gateway at boot when it is not a known text model', async () => {
    // Act / Assert: not a 404 on every chat without a model and on the model list at run time.
    await expect(startGateway({ DEFAULT_MODEL: 'claude-3-haiku-typo' })).rejects.toThrow(
      /DEFAULT_MODEL: "claude-3-haiku-typo" is not a known model/,
    );
    await expect(startGateway({ DEFAULT_MODEL: 'titan-embed-v2' })).rejects.toThrow(/embedding model/);
  });
});

describe('GET /bedrock/models and the lifecycle Bedrock announces', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    // Bedrock lists Claude 3 Haiku as Legacy with an end of life; the catalog file still says active.
    emulator = await startEmulator({ endOfLife: [HAIKU_ID] });
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
    await gateway.app.get(ModelAvailability).refresh();
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it("shows Bedrock's Legacy status and end of life, and the catalog's status where Bedrock says nothing new", async () => {
    // Act
    const { json: haiku } = await getJson(`${gateway.url}/bedrock/models/claude-3-haiku`);
    const { json: list } = await getJson(`${gateway.url}/bedrock/models`);
    // Assert
    expect(CATALOG_DATA.models.find((m) => m.modelId === HAIKU_ID)?.lifecycle).toBe('ACTIVE');
    expect(haiku).toMatchObject({ status: 'legacy', available: true });
    expect(new Date(haiku.end_of_life as string).toISOString()).toBe(haiku.end_of_life);
    const sonnet = list.models.find((m: { alias: string }) => m.alias === 'claude-sonnet-4-5');
    expect(sonnet.status).toBe('active');
    expect(sonnet).not.toHaveProperty('end_of_life');
  });
});
