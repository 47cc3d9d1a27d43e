import { DeterministicModelBehaviour } from '../models/model-behaviour';
import { parseConverseRequest } from './converse-request';
import { at, catalogModel, emulatorErrorOf } from '../models/testing/spec-helpers';

const claude = catalogModel('claude-3-haiku');
const titan = catalogModel('amazon-titan');
const behaviour = new DeterministicModelBehaviour();
const context = { requestId: 'req-1' };

/** The exact body the SDK sent in the reference experiment (shared/docs/bedrock-wire.md §3.1). */
const SDK_BODY = {
  messages: [{ role: 'user', content: [{ text: 'Weather in Paris?' }] }],
  system: [{ text: 'You are terse.' }],
  inferenceConfig: { maxTokens: 256, temperature: 0.2, topP: 0.9, stopSequences: ['\n\nHuman:'] },
  toolConfig: {
    tools: [
      {
        toolSpec: {
          name: 'get_weather',
          inputSchema: {
            json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
          description: 'Get weather',
        },
      },
    ],
    toolChoice: { auto: {} },
  },
  additionalModelRequestFields: { top_k: 50 },
};

function userOnly(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { messages: [{ role: 'user', content: [{ text }] }], ...extra };
}

describe('Converse', () => {
  it('accepts the SDK body and renders output.message, stopReason, usage and a metrics placeholder', () => {
    const outcome = behaviour.converse(claude, SDK_BODY, context);
    expect(Object.keys(outcome.body).sort()).toEqual(['metrics', 'output', 'stopReason', 'usage']);
    expect(at(outcome.body, 'output.message.role')).toBe('assistant');
    expect(typeof at(outcome.body, 'output.message.content.0.text')).toBe('string');
    expect(outcome.body.stopReason).toBe('end_turn');
    expect(outcome.body.usage).toEqual({
      inputTokens: outcome.inputTokens,
      outputTokens: outcome.outputTokens,
      totalTokens: outcome.inputTokens + outcome.outputTokens,
    });
    expect(outcome.body.metrics).toEqual({ latencyMs: 0 });
  });

  it('answers like InvokeModel for the same prompt on the same model', () => {
    const native = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 300,
      messages: [{ role: 'user', content: 'Why?' }],
    };
    const invoked = behaviour.invoke(claude, native, context);
    const conversed = behaviour.converse(
      claude,
      userOnly('Why?', { inferenceConfig: { maxTokens: 300 } }),
      context,
    );
    expect(at(conversed.body, 'output.message.content.0.text')).toBe(at(invoked.body, 'content.0.text'));
    expect(conversed.outputTokens).toBe(invoked.outputTokens);
  });

  it('streams messageStart, contentBlockDelta×N, contentBlockStop, messageStop, metadata', () => {
    const blocking = behaviour.converse(claude, SDK_BODY, context);
    const stream = behaviour.converseStream(claude, SDK_BODY, context);
    const types = stream.events.map((event) => event.type);
    expect(types[0]).toBe('messageStart');
    expect(types.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    const deltas = stream.events.filter((event) => event.type === 'contentBlockDelta');
    expect(deltas.length).toBe(types.length - 4);
    expect(deltas.every((event) => event.payload.contentBlockIndex === 0)).toBe(true);
    expect(deltas.map((event) => at(event.payload, 'delta.text')).join('')).toBe(
      at(blocking.body, 'output.message.content.0.text'),
    );
    expect(stream.events.at(-2)!.payload).toEqual({ stopReason: blocking.body.stopReason });
    expect(stream.events.at(-1)!.payload).toEqual({ usage: blocking.body.usage, metrics: { latencyMs: 0 } });
  });

  it('maps capping and stop sequences to Converse stop reasons', () => {
    expect(
      behaviour.converse(
        claude,
        userOnly('Long answer please', { inferenceConfig: { maxTokens: 2 } }),
        context,
      ).body.stopReason,
    ).toBe('max_tokens');
    const scripted = { ...context, scriptedText: 'Yes. END more' };
    const stopped = behaviour.converse(
      claude,
      userOnly('q', { inferenceConfig: { stopSequences: ['END'] } }),
      scripted,
    );
    expect(stopped.body.stopReason).toBe('stop_sequence');
    expect(at(stopped.body, 'output.message.content.0.text')).toBe('Yes. ');
  });

  it('answers extractively when a user turn carries a context block', () => {
    const question =
      '<context>\n<source id="1" uri="s3://b/a.md">\nThe cafeteria closes at 3 pm on Fridays.\n</source>\n</context>\nWhen does the cafeteria close on Fridays?';
    const outcome = behaviour.converse(claude, userOnly(question), context);
    expect(at(outcome.body, 'output.message.content.0.text')).toContain(
      'The cafeteria closes at 3 pm on Fridays.',
    );
  });

  it('accepts a model without system prompt support when no system is sent', () => {
    expect(behaviour.converse(titan, userOnly('Hello'), context).outputTokens).toBeGreaterThan(0);
  });

  it.each([
    [
      'system on a model without system prompts',
      titan,
      userOnly('x', { system: [{ text: 's' }] }),
      "This model doesn't support system messages.",
    ],
    [
      'missing messages',
      claude,
      {},
      "Value null at 'messages' failed to satisfy constraint: Member must not be null",
    ],
    ['an empty tool list', claude, userOnly('x', { toolConfig: { tools: [] } }), "'toolConfig.tools'"],
    [
      'a tool name outside [a-zA-Z0-9_-]',
      claude,
      userOnly('x', {
        toolConfig: { tools: [{ toolSpec: { name: 'bad name!', inputSchema: { json: {} } } }] },
      }),
      "'toolConfig.tools.0.member.toolSpec.name'",
    ],
    [
      'a tool without an input schema',
      claude,
      userOnly('x', { toolConfig: { tools: [{ toolSpec: { name: 'ok' } }] } }),
      "'toolConfig.tools.0.member.toolSpec.inputSchema'",
    ],
    [
      'an unknown tool choice',
      claude,
      userOnly('x', { toolConfig: { ...SDK_BODY.toolConfig, toolChoice: { sometimes: {} } } }),
      "'toolConfig.toolChoice'",
    ],
    [
      'tools on Mistral 7B, which has no tool use',
      catalogModel('mistral-7b'),
      userOnly('x', { toolConfig: SDK_BODY.toolConfig }),
      "This model doesn't support tool use.",
    ],
    [
      'tools on Llama 3 70B, which has no tool use',
      catalogModel('llama-3-70b'),
      userOnly('x', { toolConfig: SDK_BODY.toolConfig }),
      "This model doesn't support tool use.",
    ],
    [
      'an image for a model without vision',
      catalogModel('claude-3-5-haiku'),
      {
        messages: [
          {
            role: 'user',
            content: [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: 'AA==' } } }],
          },
        ],
      },
      "This model doesn't support the image content block that you provided.",
    ],
    [
      'tools on Titan, which has no tool use',
      titan,
      userOnly('x', { toolConfig: SDK_BODY.toolConfig }),
      "This model doesn't support tool use.",
    ],
    [
      'a conversation starting with assistant',
      claude,
      { messages: [{ role: 'assistant', content: [{ text: 'x' }] }] },
      'messages.0.role',
    ],
    [
      'two user turns in a row',
      claude,
      {
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'user', content: [{ text: 'b' }] },
        ],
      },
      'messages.1.role',
    ],
    [
      'an unknown role',
      claude,
      { messages: [{ role: 'bot', content: [{ text: 'a' }] }] },
      "at 'messages.0.member.role'",
    ],
    [
      'empty content',
      claude,
      { messages: [{ role: 'user', content: [] }] },
      'The content field in the Message object at messages.0 is empty',
    ],
    [
      'a blank text block',
      claude,
      { messages: [{ role: 'user', content: [{ text: ' ' }] }] },
      'ContentBlock object at messages.0.content.0 is blank',
    ],
    [
      'a block with two members',
      claude,
      { messages: [{ role: 'user', content: [{ text: 'a', image: {} }] }] },
      "at 'messages.0.content.0'",
    ],
    [
      'temperature above 1',
      claude,
      userOnly('x', { inferenceConfig: { temperature: 1.5 } }),
      "Value '1.5' at 'inferenceConfig.temperature'",
    ],
    ['topP below 0', claude, userOnly('x', { inferenceConfig: { topP: -1 } }), "at 'inferenceConfig.topP'"],
    [
      'maxTokens of 0',
      claude,
      userOnly('x', { inferenceConfig: { maxTokens: 0 } }),
      "at 'inferenceConfig.maxTokens'",
    ],
    [
      'maxTokens above the model limit',
      claude,
      userOnly('x', { inferenceConfig: { maxTokens: 5000 } }),
      'inferenceConfig.maxTokens = 5000',
    ],
    [
      'temperature with topP on a Claude 4.5 model',
      catalogModel('claude-sonnet-4-5'),
      userOnly('x', { inferenceConfig: { temperature: 0.2, topP: 0.9 } }),
      '`temperature` and `top_p` cannot both be specified for this model',
    ],
    [
      'an empty stop sequence',
      claude,
      userOnly('x', { inferenceConfig: { stopSequences: [''] } }),
      "at 'inferenceConfig.stopSequences.0.member'",
    ],
  ])('rejects %s with a ValidationException', (_name, model, body, message) => {
    for (const call of [
      () => behaviour.converse(model, body, context),
      () => behaviour.converseStream(model, body, context),
    ]) {
      const error = emulatorErrorOf(call);
      expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
      expect(error.message).toContain(message);
    }
  });

  it.each(['llama-3-1', 'mistral-large-2407', 'command-r'])(
    'takes tools on %s in Converse but not in ConverseStream (§8.1)',
    (alias) => {
      const model = catalogModel(alias);
      const body = userOnly('Weather in Paris?', { toolConfig: SDK_BODY.toolConfig });

      expect(behaviour.converse(model, body, context).outputTokens).toBeGreaterThan(0);
      const error = emulatorErrorOf(() => behaviour.converseStream(model, body, context));
      expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
      expect(error.message).toBe("This model doesn't support tool use in streaming mode.");
    },
  );

  it("defaults maxTokens to the model's own native default (Mistral Large 2402: 8192, §7.4)", () => {
    expect(parseConverseRequest(catalogModel('mistral-large'), userOnly('Hi')).prompt.maxTokens).toBe(8192);
    expect(parseConverseRequest(claude, userOnly('Hi')).prompt.maxTokens).toBe(claude.defaultMaxTokens);
  });

  it('takes an image on a model with vision', () => {
    const body = {
      messages: [
        {
          role: 'user',
          content: [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: 'AA==' } } }],
        },
      ],
    };
    expect(behaviour.converse(claude, body, context).outputTokens).toBeGreaterThan(0);
  });
});
