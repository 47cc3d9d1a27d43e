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
});
