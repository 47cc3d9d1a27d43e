import { GROUNDING_RULES, groundedRequest } from './grounded-request';

const base = { messages: [{ role: 'user' as const, content: 'How many days?' }], maxTokens: 100 };
const passages = [
  { text: 'Five days.', uri: 's3://kb/leave.md', score: 0.4, metadata: {} },
  { text: 'Ask HR.', uri: null, score: 0.2, metadata: {} },
];

describe('groundedRequest', () => {
  it('numbers the passages as grounding documents and keeps the question as the user turn', () => {
    // Act
    const request = groundedRequest(base, passages);
    // Assert
    expect(request.documents).toEqual([
      { id: '1', uri: 's3://kb/leave.md', text: 'Five days.' },
      { id: '2', uri: null, text: 'Ask HR.' },
    ]);
    expect(request.messages).toEqual(base.messages);
    expect(request.system).toBe(GROUNDING_RULES);
  });

  it("puts the caller's system prompt after the grounding rules", () => {
    // Act
    const request = groundedRequest({ ...base, system: 'Be brief.' }, passages);
    // Assert
    expect(request.system).toBe(`${GROUNDING_RULES}\n\nBe brief.`);
  });
});
