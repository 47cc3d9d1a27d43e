import { positiveInt, readPolicyInput } from './policy-input';

describe('readPolicyInput', () => {
  it('reads the model, knowledge base and every text that leaves the gateway, in order', () => {
    // Arrange
    const body = {
      model_name: 'claude-3-haiku',
      knowledge_base_type: 'general',
      system_prompt: 'S',
      messages: [
        { role: 'user', content: 'A' },
        { role: 'assistant', content: 'B' },
      ],
      message: 'M',
    };
    // Act
    const input = readPolicyInput(body);
    // Assert
    expect(input).toMatchObject({ model: 'claude-3-haiku', knowledgeBase: 'general' });
    expect(input?.texts.map((slot) => slot.text)).toEqual(['M', 'A', 'B', 'S']);
  });

  it('writes redacted texts back into the body the validation pipe will read', () => {
    // Arrange
    const body = { message: 'M', messages: [{ role: 'user', content: 'A' }], system_prompt: 'S' };
    const input = readPolicyInput(body);
    // Act
    input?.texts.forEach((slot) => slot.write(`[${slot.text}]`));
    // Assert
    expect(body).toEqual({
      message: '[M]',
      messages: [{ role: 'user', content: '[A]' }],
      system_prompt: '[S]',
    });
  });

  it('reports fields of the wrong type as null and skips non-string texts (validation refuses them later)', () => {
    // Act
    const input = readPolicyInput({ model: 42, message: ['x'], messages: [null, { content: 7 }] });
    // Assert
    expect(input).toMatchObject({ model: null, knowledgeBase: undefined, texts: [] });
  });

  it('prefers model over model_name and ignores bodies that are not objects', () => {
    // Act / Assert
    expect(readPolicyInput({ model: 'a', model_name: 'b' })?.model).toBe('a');
    expect(readPolicyInput([{ message: 'x' }])).toBeNull();
    expect(readPolicyInput('text')).toBeNull();
  });
});

describe('positiveInt', () => {
  it('accepts integers from 1 to the limit only', () => {
    // Act / Assert
    expect([positiveInt(5, 10), positiveInt(10, 10), positiveInt(11, 10)]).toEqual([5, 10, undefined]);
    expect([positiveInt(0), positiveInt(1.5), positiveInt('3')]).toEqual([undefined, undefined, undefined]);
  });
});

describe('readPolicyInput: metadata keys redacted to one name', () => {
  it('numbers them without overwriting an entry, probing each suffix once (linear, not quadratic)', () => {
    // Arrange
    const entries: Record<string, string> = { 'R#3': 'caller-owned' };
    for (let index = 0; index < 1000; index += 1) entries[`k${index}`] = `v${index}`;
    let probes = 0;
    const metadata = new Proxy(entries, {
      has: (target, key) => {
        probes += 1;
        return key in target;
      },
    });
    const input = readPolicyInput({ message: 'm', metadata });
    const keySlots = input?.texts.filter((slot) => slot.text.startsWith('k')) ?? [];
    // Act
    keySlots.forEach((slot) => slot.write('R'));
    // Assert
    expect(Object.keys(entries)).toHaveLength(1001);
    expect(entries['R#3']).toBe('caller-owned');
    expect(entries['R']).toBe('v0');
    expect(entries['R#2']).toBe('v1');
    expect(entries['R#4']).toBe('v2');
    expect(entries['R#1001']).toBe('v999');
    expect(probes).toBeLessThanOrEqual(2 * keySlots.length);
  });
});
