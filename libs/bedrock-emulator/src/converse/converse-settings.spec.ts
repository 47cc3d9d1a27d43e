import { DeterministicModelBehaviour } from '../models/model-behaviour';
import { catalogModel, emulatorErrorOf } from '../models/testing/spec-helpers';

const claude = catalogModel('claude-3-haiku');
const behaviour = new DeterministicModelBehaviour();
const context = { requestId: 'req-1' };
const GUARDRAIL = { guardrailIdentifier: 'gr123abc', guardrailVersion: 'DRAFT' };

function userOnly(extra: Record<string, unknown>): Record<string, unknown> {
  return { messages: [{ role: 'user', content: [{ text: 'hello' }] }], ...extra };
}

const converse = (body: unknown) => behaviour.converse(claude, body, context);
const converseStream = (body: unknown) => behaviour.converseStream(claude, body, context);

describe('Converse guardrailConfig, performanceConfig and serviceTier (§3.1)', () => {
  it.each([
    ['a guardrail with trace', { guardrailConfig: { ...GUARDRAIL, trace: 'enabled_full' } }],
    [
      'a guardrail by ARN',
      {
        guardrailConfig: {
          ...GUARDRAIL,
          guardrailIdentifier: `arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123`,
        },
      },
    ],
    [
      'no guardrail named (both members optional, empty allowed)',
      { guardrailConfig: { guardrailIdentifier: '', trace: 'disabled' } },
    ],
    ['optimized latency', { performanceConfig: { latency: 'optimized' } }],
    ['no latency given', { performanceConfig: {} }],
    ['the flex tier', { serviceTier: { type: 'flex' } }],
  ])('accepts %s', (_name, members) => {
    expect(converse(userOnly(members)).outputTokens).toBeGreaterThan(0);
    expect(converseStream(userOnly(members)).outputTokens).toBeGreaterThan(0);
  });

  it.each([
    [
      'a trace outside its enum',
      { guardrailConfig: { ...GUARDRAIL, trace: 'ENABLED' } },
      "1 validation error detected: Value 'ENABLED' at 'guardrailConfig.trace' failed to satisfy constraint: Member must satisfy enum value set: [enabled, disabled, enabled_full]",
    ],
    [
      'an identifier that is not one',
      { guardrailConfig: { ...GUARDRAIL, guardrailIdentifier: 'Not An Id' } },
      "Value 'Not An Id' at 'guardrailConfig.guardrailIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      'a version that is not one',
      { guardrailConfig: { ...GUARDRAIL, guardrailVersion: '0' } },
      "Value '0' at 'guardrailConfig.guardrailVersion' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      'an identifier without a version',
      { guardrailConfig: { guardrailIdentifier: 'gr123abc' } },
      'A guardrail identifier was given without a guardrail version.',
    ],
    ['a guardrailConfig that is not a structure', { guardrailConfig: 'gr123abc' }, "at 'guardrailConfig'"],
    [
      'a latency outside its enum',
      { performanceConfig: { latency: 'fast' } },
      "Value 'fast' at 'performanceConfig.latency' failed to satisfy constraint: Member must satisfy enum value set: [standard, optimized]",
    ],
    [
      'a service tier outside its enum',
      { serviceTier: { type: 'gold' } },
      "Value 'gold' at 'serviceTier.type' failed to satisfy constraint: Member must satisfy enum value set: [priority, default, flex, reserved]",
    ],
    [
      'a service tier without its type',
      { serviceTier: {} },
      "Value null at 'serviceTier.type' failed to satisfy constraint: Member must not be null",
    ],
  ])('refuses %s in Converse and ConverseStream', (_name, members, message) => {
    for (const call of [() => converse(userOnly(members)), () => converseStream(userOnly(members))]) {
      const error = emulatorErrorOf(call);
      expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
      expect(error.message).toContain(message);
    }
  });

  it('checks streamProcessingMode in ConverseStream, whose configuration has it', () => {
    const body = userOnly({ guardrailConfig: { ...GUARDRAIL, streamProcessingMode: 'later' } });

    const error = emulatorErrorOf(() => converseStream(body));

    expect(error.message).toBe(
      "1 validation error detected: Value 'later' at 'guardrailConfig.streamProcessingMode' failed to satisfy constraint: Member must satisfy enum value set: [sync, async]",
    );
    expect(
      converseStream(userOnly({ guardrailConfig: { ...GUARDRAIL, streamProcessingMode: 'async' } }))
        .outputTokens,
    ).toBeGreaterThan(0);
  });

  it("leaves streamProcessingMode to Converse's deserializer, which ignores members it does not model", () => {
    const body = userOnly({ guardrailConfig: { ...GUARDRAIL, streamProcessingMode: 'later' } });

    expect(converse(body).outputTokens).toBeGreaterThan(0);
  });
});
