import { ConfigError } from '../../config/config-error';
import { parseKnowledgeBases } from './knowledge-base-config';

describe('parseKnowledgeBases', () => {
  const defaults = { region: 'us-east-1', minScore: 0.15, local: false };
  const entry = { alias: 'handbook', id: 'ABCDEFGHIJ', description: 'the handbook' };

  it('takes an entry with the defaults it leaves out', () => {
    expect(parseKnowledgeBases(JSON.stringify([entry]), defaults)).toEqual([
      { ...entry, region: 'us-east-1', minScore: 0.15, strict: false },
    ]);
  });

  it('takes a region of its own', () => {
    const [parsed] = parseKnowledgeBases(JSON.stringify([{ ...entry, region: 'eu-west-1' }]), defaults);
    expect(parsed?.region).toBe('eu-west-1');
  });

  it.each(['moon 1', 'US-EAST-1', 'us-east'])('refuses the region %j at boot, naming the entry', (region) => {
    const act = () => parseKnowledgeBases(JSON.stringify([{ ...entry, region }]), defaults);
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('KNOWLEDGE_BASES: 0.region: must be an AWS region name (like us-west-2)');
  });
});
