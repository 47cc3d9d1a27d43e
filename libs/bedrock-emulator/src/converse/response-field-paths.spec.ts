import { DeterministicModelBehaviour } from '../models/model-behaviour';
import { catalogModel, emulatorErrorOf } from '../models/testing/spec-helpers';
import { pickResponseFields } from './response-field-paths';

const claude = catalogModel('claude-3-haiku');
const behaviour = new DeterministicModelBehaviour();
/** The scripted answer stops at `END`. */
const stopped = { requestId: 'req-1', scriptedText: 'Yes. END more' };

function askWithPaths(paths: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messages: [{ role: 'user', content: [{ text: 'q' }] }],
    inferenceConfig: { stopSequences: ['END'] },
    additionalModelResponseFieldPaths: paths,
    ...extra,
  };
}

describe('Converse additionalModelResponseFieldPaths (§3.1)', () => {
  it('returns the stop sequence Claude stopped on, in Converse and in the messageStop event', () => {
    // Act
    const blocking = behaviour.converse(claude, askWithPaths(['/stop_sequence']), stopped);
    const streamed = behaviour.converseStream(claude, askWithPaths(['/stop_sequence']), stopped);

    // Assert
    expect(blocking.body.stopReason).toBe('stop_sequence');
    expect(blocking.body.additionalModelResponseFields).toEqual({ stop_sequence: 'END' });
    const messageStop = streamed.events.find((event) => event.type === 'messageStop');
    expect(messageStop?.payload).toEqual({
      stopReason: 'stop_sequence',
      additionalModelResponseFields: { stop_sequence: 'END' },
    });
  });

  it("also resolves a path into the native stream chunks (Claude's message_delta), nested, with nulls kept", () => {
    // Act
    const endedTurn = behaviour.converse(claude, askWithPaths(['/delta/stop_sequence']), {
      requestId: 'req-1',
      scriptedText: 'No stop here.',
    });
    const stoppedStream = behaviour.converseStream(claude, askWithPaths(['/delta/stop_sequence']), stopped);

    // Assert
    expect(endedTurn.body.additionalModelResponseFields).toEqual({ delta: { stop_sequence: null } });
    expect(stoppedStream.events.find((event) => event.type === 'messageStop')?.payload).toMatchObject({
      additionalModelResponseFields: { delta: { stop_sequence: 'END' } },
    });
  });

  it('leaves the member out when no path resolves, and when none was asked for', () => {
    expect(behaviour.converse(claude, askWithPaths(['/no_such_field']), stopped).body).not.toHaveProperty(
      'additionalModelResponseFields',
    );
    expect(behaviour.converse(claude, askWithPaths([]), stopped).body).not.toHaveProperty(
      'additionalModelResponseFields',
    );
  });

  it.each([
    [
      'more than 10 paths',
      Array.from({ length: 11 }, () => '/stop_sequence'),
      "at 'additionalModelResponseFieldPaths' failed to satisfy constraint: Member must have length less than or equal to 10",
    ],
    [
      'an empty pointer',
      [''],
      "Value '' at 'additionalModelResponseFieldPaths.0.member' failed to satisfy constraint: Member must satisfy regular expression pattern: /([^~]|~[01])*",
    ],
    [
      'a pointer without its leading slash',
      ['stop_sequence'],
      "'additionalModelResponseFieldPaths.0.member'",
    ],
    ['a bad escape', ['/a~2b'], "'additionalModelResponseFieldPaths.0.member'"],
    [
      'a pointer over 256 characters',
      [`/${'a'.repeat(256)}`],
      'Member must have length less than or equal to 256',
    ],
    ['a path that is not a string', [5], "Value '5' at 'additionalModelResponseFieldPaths.0.member'"],
    ['a list that is not one', '/stop_sequence', 'Member must be a list'],
  ])('refuses %s with a ValidationException', (_name, paths, message) => {
    for (const call of [
      () => behaviour.converse(claude, askWithPaths(paths), stopped),
      () => behaviour.converseStream(claude, askWithPaths(paths), stopped),
    ]) {
      const error = emulatorErrorOf(call);
      expect([error.errorType, error.status]).toEqual(['ValidationException', 400]);
      expect(error.message).toContain(message);
    }
  });

  it('answers a path through a `__proto__` tool-input key without polluting later requests', () => {
    // Arrange: the fuzzing review's payload (payloads/pollute.json)
    const polluting = JSON.parse(
      '{"messages":[{"role":"user","content":[{"text":"hi"}]}],"toolConfig":{"tools":[{"toolSpec":' +
        '{"name":"t","inputSchema":{"json":{"type":"object","required":["__proto__"],"properties":' +
        '{"__proto__":{"type":"object","properties":{"error":{"const":"boom"}}}}}}}}],"toolChoice":{"any":{}}},' +
        '"additionalModelResponseFieldPaths":["/content/0/input/__proto__/error"]}',
    ) as Record<string, unknown>;

    // Act
    const outcome = behaviour.converse(claude, polluting, { requestId: 'req-1' });

    // Assert
    expect(({} as Record<string, unknown>).error).toBeUndefined();
    expect(JSON.stringify(outcome.body.additionalModelResponseFields)).toBe(
      '{"content":{"0":{"input":{"__proto__":{"error":"boom"}}}}}',
    );
  });

  describe('pickResponseFields', () => {
    it('takes each pointer from the first document that has it, unescaping ~1 and ~0', () => {
      const documents = [
        { a: { 'b/c': 1 }, list: [{ x: 'first' }] },
        { 'd~e': 2, a: { other: 3 } },
      ];

      expect(
        pickResponseFields(['/a/b~1c', '/d~0e', '/list/0/x', '/a/other', '/list/length'], documents),
      ).toEqual({
        a: { 'b/c': 1, other: 3 },
        'd~e': 2,
        list: { 0: { x: 'first' } },
      });
    });

    it('keeps a `__proto__` token an own key instead of writing into Object.prototype', () => {
      // Arrange: a generated tool input has an own `__proto__` key (JSON.parse makes one too)
      const documents = [JSON.parse('{"input":{"__proto__":{"error":"boom"}}}') as unknown];

      // Act
      const picked = pickResponseFields(['/input/__proto__/error'], documents);

      // Assert
      expect(({} as Record<string, unknown>).error).toBeUndefined();
      expect(JSON.stringify(picked)).toBe('{"input":{"__proto__":{"error":"boom"}}}');
    });
  });
});
