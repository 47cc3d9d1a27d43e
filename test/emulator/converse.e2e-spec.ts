import {
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  converseInput,
  rejectionOf,
  runtimeClient,
  startEmulator,
} from './support/emulator-harness';

const LLAMA_3_1 = 'meta.llama3-1-70b-instruct-v1:0';

describe('Converse request members, with the real SDK', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  /** Converse and ConverseStream with the same input; both must refuse it before any event. */
  const bothRejections = async (input: ConverseCommandInput) => {
    const client = runtimeClient(emulator);
    return [
      await rejectionOf(client.send(new ConverseCommand(input))),
      await rejectionOf(client.send(new ConverseStreamCommand(input))),
    ];
  };

  describe('additionalModelRequestFields go through the model’s native schema', () => {
    it.each([
      [
        'an unknown key on Claude',
        HAIKU_3,
        {
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'x' }],
        },
        { bogus_field: 1 },
        /extraneous key \[bogus_field\] is not permitted/,
      ],
      [
        'a wrongly typed top_k on Claude',
        HAIKU_3,
        {
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'x' }],
        },
        { top_k: 'x' },
        /#\/top_k: expected type: Number, found: String/,
      ],
      [
        'top_k on Llama',
        LLAMA_3_1,
        { prompt: 'x' },
        { top_k: 5 },
        /extraneous key \[top_k\] is not permitted/,
      ],
    ])(
      'refuses %s as InvokeModel refuses it in a native body',
      async (_name, modelId, native, fields, detail) => {
        // Arrange
        const invokeError = await rejectionOf(
          runtimeClient(emulator).send(
            new InvokeModelCommand({
              modelId,
              contentType: 'application/json',
              body: JSON.stringify({ ...native, ...fields }),
            }),
          ),
        );

        // Act
        const errors = await bothRejections({
          ...converseInput(modelId, 'x'),
          additionalModelRequestFields: fields,
        });

        // Assert
        expect(invokeError.name).toBe('ValidationException');
        expect(invokeError.message).toMatch(detail);
        for (const error of errors) {
          expect(error.name).toBe('ValidationException');
          expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
          expect(error.message).toBe(`The model returned the following errors: ${invokeError.message}`);
        }
      },
    );

    it('refuses a key Converse already set from its own member', async () => {
      const errors = await bothRejections({
        ...converseInput(HAIKU_3, 'x'),
        additionalModelRequestFields: { max_tokens: 20 },
      });

      for (const error of errors) {
        expect(error.name).toBe('ValidationException');
        expect(error.message).toBe(
          'The additional field max_tokens conflicts with the existing field maxTokens. Remove max_tokens and try again.',
        );
      }
    });

    it('answers when the fields are the model’s own', async () => {
      const output = await runtimeClient(emulator).send(
        new ConverseCommand({
          ...converseInput(HAIKU_3, 'hello'),
          additionalModelRequestFields: { top_k: 50 },
        }),
      );

      expect(output.output?.message?.role).toBe('assistant');
    });
  });

  describe('guardrailConfig, performanceConfig, serviceTier and additionalModelResponseFieldPaths', () => {
    it.each([
      [
        'a guardrail trace outside its enum',
        { guardrailConfig: { guardrailIdentifier: 'gr123abc', guardrailVersion: '1', trace: 'on' as never } },
        /^1 validation error detected: Value 'on' at 'guardrailConfig.trace' failed to satisfy constraint: Member must satisfy enum value set: \[enabled, disabled, enabled_full\]$/,
      ],
      [
        'a guardrail without its version',
        { guardrailConfig: { guardrailIdentifier: 'gr123abc' } },
        /^A guardrail identifier was given without a guardrail version\.$/,
      ],
      [
        'a latency outside its enum',
        { performanceConfig: { latency: 'fast' as never } },
        /'performanceConfig.latency'/,
      ],
      ['a service tier outside its enum', { serviceTier: { type: 'gold' as never } }, /'serviceTier.type'/],
      [
        'a response field path that is not a JSON pointer',
        { additionalModelResponseFieldPaths: ['stop_sequence'] },
        /'additionalModelResponseFieldPaths.0.member' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      ],
    ])('refuses %s with ValidationException', async (_name, members, message) => {
      const errors = await bothRejections({ ...converseInput(HAIKU_3, 'x'), ...members });

      for (const error of errors) {
        expect(error.name).toBe('ValidationException');
        expect(error.message).toMatch(message);
      }
    });

    it('returns the stop sequence asked for by /stop_sequence, in Converse and in messageStop', async () => {
      // Arrange
      emulator.setScripts([{ prompt: 'stop early', text: 'Yes. END more' }]);
      const input = {
        modelId: HAIKU_3,
        messages: [{ role: 'user' as const, content: [{ text: 'stop early' }] }],
        inferenceConfig: { maxTokens: 40, stopSequences: ['END'] },
        additionalModelResponseFieldPaths: ['/stop_sequence'],
        guardrailConfig: {
          guardrailIdentifier: 'gr123abc',
          guardrailVersion: 'DRAFT',
          trace: 'enabled' as const,
        },
        performanceConfig: { latency: 'optimized' as const },
        serviceTier: { type: 'default' as const },
      };
      const client = runtimeClient(emulator);

      // Act
      const blocking = await client.send(new ConverseCommand(input));
      const stream = await client.send(new ConverseStreamCommand(input));
      const stops = [];
      for await (const event of stream.stream!) if (event.messageStop) stops.push(event.messageStop);

      // Assert
      expect(blocking.stopReason).toBe('stop_sequence');
      expect(blocking.additionalModelResponseFields).toEqual({ stop_sequence: 'END' });
      expect(stops).toEqual([
        { stopReason: 'stop_sequence', additionalModelResponseFields: { stop_sequence: 'END' } },
      ]);
    });

    it('echoes performanceConfig and serviceTier in the response and in the metadata event (§3.2, §3.3)', async () => {
      // Arrange
      const input = {
        ...converseInput(HAIKU_3, 'hi'),
        performanceConfig: { latency: 'optimized' as const },
        serviceTier: { type: 'flex' as const },
      };
      const client = runtimeClient(emulator);

      // Act
      const blocking = await client.send(new ConverseCommand(input));
      const stream = await client.send(new ConverseStreamCommand(input));
      const metadata = [];
      for await (const event of stream.stream!) if (event.metadata) metadata.push(event.metadata);
      const plain = await client.send(new ConverseCommand(converseInput(HAIKU_3, 'hi')));
      const defaulted = await client.send(
        new ConverseCommand({ ...converseInput(HAIKU_3, 'hi'), performanceConfig: {} }),
      );

      // Assert
      expect(blocking.performanceConfig).toEqual({ latency: 'optimized' });
      expect(blocking.serviceTier).toEqual({ type: 'flex' });
      expect(metadata).toHaveLength(1);
      expect(metadata[0]).toMatchObject({
        performanceConfig: { latency: 'optimized' },
        serviceTier: { type: 'flex' },
      });
      expect(plain.performanceConfig).toBeUndefined();
      expect(plain.serviceTier).toBeUndefined();
      expect(defaulted.performanceConfig).toEqual({ latency: 'standard' });
    });
  });

  describe('content blocks', () => {
    const toolConfig = {
      tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }],
    };
    const toolUse = { toolUseId: 'tooluse_a1.b:c-d', name: 'get_weather', input: { city: 'Paris' } };
    const toolResult = {
      toolUseId: toolUse.toolUseId,
      content: [{ json: { celsius: 21 } }],
      status: 'success' as const,
    };
    /** A tool round trip with `toolUse` and `toolResult` edited by the case. */
    const roundTrip = (use: object = {}, result: object = {}): ConverseCommandInput => ({
      modelId: HAIKU_3,
      messages: [
        { role: 'user', content: [{ text: 'Weather in Paris?' }] },
        { role: 'assistant', content: [{ toolUse: { ...toolUse, ...use } }] },
        { role: 'user', content: [{ toolResult: { ...toolResult, ...result } }] },
      ],
      toolConfig,
    });

    it('answers a tool round trip and a png image', async () => {
      const client = runtimeClient(emulator);
      const image = {
        modelId: HAIKU_3,
        messages: [
          {
            role: 'user' as const,
            content: [
              { text: 'What is this?' },
              { image: { format: 'png' as const, source: { bytes: new Uint8Array([0]) } } },
            ],
          },
        ],
      };

      await expect(client.send(new ConverseCommand(roundTrip()))).resolves.toMatchObject({
        stopReason: 'end_turn',
      });
      await expect(client.send(new ConverseCommand(image))).resolves.toMatchObject({
        stopReason: 'end_turn',
      });
    });

    it.each([
      [
        'an image format outside its enum',
        {
          modelId: HAIKU_3,
          messages: [
            {
              role: 'user' as const,
              content: [{ image: { format: 'bmp' as never, source: { bytes: new Uint8Array([0]) } } }],
            },
          ],
        },
        /'messages.0.content.0.image.format' failed to satisfy constraint: Member must satisfy enum value set: \[png, jpeg, gif, webp\]/,
      ],
      [
        'a tool result status outside its enum',
        roundTrip({}, { status: 'failed' }),
        /'messages.2.content.0.toolResult.status' failed to satisfy constraint: Member must satisfy enum value set: \[success, error\]/,
      ],
      [
        'a tool use id outside its pattern',
        roundTrip({ toolUseId: 'tool use!' }),
        /'messages.1.content.0.toolUse.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: \[a-zA-Z0-9_.:-\]\{1,64\}/,
      ],
      [
        'tool blocks without toolConfig',
        { ...roundTrip(), toolConfig: undefined },
        /^The toolConfig field must be defined when using toolUse and toolResult content blocks\.$/,
      ],
      [
        'a tool use without its name',
        roundTrip({ name: undefined }),
        /Value null at 'messages.1.content.0.toolUse.name' failed to satisfy constraint: Member must not be null/,
      ],
    ])('refuses %s with ValidationException', async (_name, input, message) => {
      const errors = await bothRejections(input);

      for (const error of errors) {
        expect(error.name).toBe('ValidationException');
        expect(error.message).toMatch(message);
      }
    });
  });
});
