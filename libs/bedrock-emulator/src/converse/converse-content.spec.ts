import { DeterministicModelBehaviour } from '../models/model-behaviour';
import { catalogModel, emulatorErrorOf } from '../models/testing/spec-helpers';

const claude = catalogModel('claude-3-haiku');
const behaviour = new DeterministicModelBehaviour();
const context = { requestId: 'req-1' };
const TOOL_CONFIG = {
  tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }],
};
const TOOL_USE = { toolUseId: 'tooluse_a1.b:c-d', name: 'get_weather', input: { city: 'Paris' } };
const TOOL_RESULT = {
  toolUseId: TOOL_USE.toolUseId,
  content: [{ json: { celsius: 21 } }],
  status: 'success',
};

/** A tool round trip whose blocks `change` edits: the call, then its result. */
function toolRoundTrip(
  change: { toolUse?: Record<string, unknown>; toolResult?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    messages: [
      { role: 'user', content: [{ text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ toolUse: { ...TOOL_USE, ...change.toolUse } }] },
      { role: 'user', content: [{ toolResult: { ...TOOL_RESULT, ...change.toolResult } }] },
    ],
    toolConfig: TOOL_CONFIG,
  };
}

function withImage(image: Record<string, unknown>): Record<string, unknown> {
  return { messages: [{ role: 'user', content: [{ text: 'What is this?' }, { image }] }] };
}

describe('Converse content blocks (§3.1)', () => {
  it.each([
    ['a tool call and its result', toolRoundTrip()],
    ['a failed tool result', toolRoundTrip({ toolResult: { status: 'error', content: [{ text: 'down' }] } })],
    ['a tool result without status', toolRoundTrip({ toolResult: { status: undefined } })],
    ['a webp image', withImage({ format: 'webp', source: { bytes: 'AA==' } })],
  ])('accepts %s', (_name, body) => {
    expect(behaviour.converse(claude, body, context).outputTokens).toBeGreaterThan(0);
  });

  it.each([
    [
      'an image format outside its enum',
      withImage({ format: 'bmp', source: { bytes: 'AA==' } }),
      "1 validation error detected: Value 'bmp' at 'messages.0.content.1.image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]",
    ],
    [
      'an image without its format',
      withImage({ source: { bytes: 'AA==' } }),
      "Value null at 'messages.0.content.1.image.format' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a tool result status outside its enum',
      toolRoundTrip({ toolResult: { status: 'failed' } }),
      "Value 'failed' at 'messages.2.content.0.toolResult.status' failed to satisfy constraint: Member must satisfy enum value set: [success, error]",
    ],
    [
      'a tool use id outside [a-zA-Z0-9_.:-]',
      toolRoundTrip({ toolUse: { toolUseId: 'tool use!' } }),
      "Value 'tool use!' at 'messages.1.content.0.toolUse.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]{1,64}",
    ],
    [
      'a tool use id over 64 characters',
      toolRoundTrip({ toolUse: { toolUseId: 'a'.repeat(65) } }),
      "at 'messages.1.content.0.toolUse.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      'a tool use without its id',
      toolRoundTrip({ toolUse: { toolUseId: undefined } }),
      "Value null at 'messages.1.content.0.toolUse.toolUseId' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a tool use without its name',
      toolRoundTrip({ toolUse: { name: undefined } }),
      "Value null at 'messages.1.content.0.toolUse.name' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a tool use with an empty name',
      toolRoundTrip({ toolUse: { name: '' } }),
      "at 'messages.1.content.0.toolUse.name' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a tool round trip without toolConfig',
      { messages: toolRoundTrip().messages },
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    ],
    [
      'a lone tool result without toolConfig',
      { messages: [{ role: 'user', content: [{ text: 'Hi' }, { toolResult: TOOL_RESULT }] }] },
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    ],
    [
      'a tool result id outside the pattern',
      toolRoundTrip({ toolResult: { toolUseId: 'bad id' } }),
      "at 'messages.2.content.0.toolResult.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
  ])('refuses %s with a ValidationException', (_name, body, message) => {
    for (const call of [
      () => behaviour.converse(claude, body, context),
      () => behaviour.converseStream(claude, body, context),
    ]) {
      const error = emulatorErrorOf(call);
      expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
      expect(error.message).toContain(message);
    }
  });

  it('checks the image format before whether the model takes images', () => {
    const error = emulatorErrorOf(() =>
      behaviour.converse(catalogModel('claude-3-5-haiku'), withImage({ format: 'bmp', source: {} }), context),
    );

    expect(error.message).toContain("'messages.0.content.1.image.format'");
  });
});
