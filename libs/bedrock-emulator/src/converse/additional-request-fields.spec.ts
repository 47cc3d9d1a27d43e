import { DeterministicModelBehaviour } from '../models/model-behaviour';
import { catalogModel, emulatorErrorOf } from '../models/testing/spec-helpers';

const claude = catalogModel('claude-3-haiku');
const behaviour = new DeterministicModelBehaviour();
const context = { requestId: 'req-1' };

function userOnly(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { messages: [{ role: 'user', content: [{ text }] }], ...extra };
}

describe('Converse additionalModelRequestFields: passed into the native body, so the native schema applies', () => {
  const claudeNative = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 10,
    messages: [{ role: 'user', content: 'x' }],
  };

  it.each([
    ['an unknown key on Claude', claude, claudeNative, { bogus_field: 1 }],
    ['a wrongly typed known key on Claude', claude, claudeNative, { top_k: 'x' }],
    ['top_k on Llama, whose native body has none', catalogModel('llama-3-1'), { prompt: 'x' }, { top_k: 5 }],
    ['max_tokens above the model limit', claude, claudeNative, { max_tokens: 5000 }],
  ])('refuses %s as InvokeModel does, wrapped as a model error', (_name, model, native, fields) => {
    // Arrange
    const invokeError = emulatorErrorOf(() => behaviour.invoke(model, { ...native, ...fields }, context));
    const body = userOnly('x', { additionalModelRequestFields: fields });

    for (const call of [
      () => behaviour.converse(model, body, context),
      () => behaviour.converseStream(model, body, context),
    ]) {
      // Act
      const error = emulatorErrorOf(call);

      // Assert
      expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
      expect(error.message).toBe(`The model returned the following errors: ${invokeError.message}`);
    }
  });

  it('names the key in the native error', () => {
    const error = emulatorErrorOf(() =>
      behaviour.converse(
        claude,
        userOnly('x', { additionalModelRequestFields: { bogus_field: 1 } }),
        context,
      ),
    );

    expect(error.message).toBe(
      'The model returned the following errors: Malformed input request: #: extraneous key [bogus_field] is not permitted, please reformat your input and try again.',
    );
  });

  it.each([
    [{ inferenceConfig: { maxTokens: 10 } }, { max_tokens: 20 }, 'max_tokens', 'maxTokens'],
    [{ inferenceConfig: { temperature: 0.1 } }, { temperature: 0.2 }, 'temperature', 'temperature'],
    [{ system: [{ text: 's' }] }, { system: 'other' }, 'system', 'system'],
    [{}, { messages: [] }, 'messages', 'messages'],
  ])('refuses a key Converse already wrote (%j with %j)', (members, fields, key, member) => {
    const error = emulatorErrorOf(() =>
      behaviour.converse(
        claude,
        userOnly('x', { ...members, additionalModelRequestFields: fields }),
        context,
      ),
    );

    expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
    expect(error.message).toBe(
      `The additional field ${key} conflicts with the existing field ${member}. Remove ${key} and try again.`,
    );
  });

  it('lets the model read a key Converse left out, as the native body would', () => {
    // Act
    const capped = behaviour.converse(
      claude,
      userOnly('Long answer please', { additionalModelRequestFields: { max_tokens: 2 } }),
      context,
    );

    // Assert
    expect(capped.body.stopReason).toBe('max_tokens');
    expect(capped.outputTokens).toBe(2);
  });

  it('refuses temperature with top_p on Claude 4.5 when one of them came through the native fields', () => {
    const body = userOnly('x', {
      inferenceConfig: { temperature: 0.2 },
      additionalModelRequestFields: { top_p: 0.9 },
    });

    const error = emulatorErrorOf(() => behaviour.converse(catalogModel('claude-sonnet-4-5'), body, context));

    expect(error.message).toContain('`temperature` and `top_p` cannot both be specified for this model');
  });

  it.each([
    [
      'claude-3-haiku',
      { top_k: 50, anthropic_beta: ['x'], thinking: { type: 'enabled', budget_tokens: 1024 } },
    ],
    ['mistral-7b', { top_k: 50 }],
    ['command-r', { k: 10, seed: 1 }],
    ['amazon-titan', { textGenerationConfig: { maxTokenCount: 5 } }],
  ])('accepts native keys %s knows', (alias, fields) => {
    const body = userOnly('x', { additionalModelRequestFields: fields });

    expect(behaviour.converse(catalogModel(alias), body, context).outputTokens).toBeGreaterThan(0);
  });
});
