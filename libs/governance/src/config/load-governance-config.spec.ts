import { join } from 'node:path';
import { GovernanceConfigError } from './governance-config.error';
import { loadGovernanceConfig, parseGovernanceConfig } from './load-governance-config';

const EXAMPLE = join(__dirname, '../../../../examples/gateway-config.yaml');

function problemsOf(text: string): string[] {
  try {
    parseGovernanceConfig(text, 'gateway.yaml');
  } catch (error) {
    if (error instanceof GovernanceConfigError)
      return error.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim());
    throw error;
  }
  throw new Error('expected the config to be refused');
}

const HASH = 'a'.repeat(64);

describe('loadGovernanceConfig', () => {
  it('loads the documented example with defaults filled in', () => {
    // Act
    const config = loadGovernanceConfig(EXAMPLE);

    // Assert
    const search = config.tenants.find((tenant) => tenant.id === 'search');
    expect(config.tenants.map((tenant) => tenant.id)).toEqual(['platform', 'search']);
    expect(search?.budgets).toEqual({
      daily_usd: 25,
      monthly_usd: 400,
      daily_tokens: 5_000_000,
      monthly_tokens: 80_000_000,
      mode: 'deny',
    });
    expect(search?.keys[1]?.revoked).toBe(true);
    expect(config.tenants[0]?.keys[0]?.role).toBe('admin');
    expect(config.tenants[0]?.log_prompts).toBe(false);
  });

  it('names GATEWAY_CONFIG and the file when the file cannot be read', () => {
    // Act / Assert
    expect(() => loadGovernanceConfig('/nonexistent/gateway.yaml')).toThrow(
      /GATEWAY_CONFIG=\/nonexistent\/gateway\.yaml.*\n.*cannot read/,
    );
  });

  it('treats an empty file as no tenants', () => {
    // Act / Assert
    expect(parseGovernanceConfig('', 'empty.yaml').tenants).toEqual([]);
  });
});

describe('config errors name the line and the path', () => {
  it('points at a bad enum value', () => {
    // Arrange
    const text = [
      'tenants:',
      '  - id: search',
      '    budgets:',
      '      daily_usd: 5',
      '      mode: block',
    ].join('\n');

    // Act / Assert
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^gateway\.yaml:5:13 tenants\[0\]\.budgets\.mode: /),
    ]);
  });

  it('refuses a monthly token budget that is not a whole positive number', () => {
    // Arrange
    const text = ['tenants:', '  - id: search', '    budgets:', '      monthly_tokens: 1.5'].join('\n');

    // Act / Assert
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^gateway\.yaml:4:23 tenants\[0\]\.budgets\.monthly_tokens: /),
    ]);
  });

  it('points at an unknown field', () => {
    // Arrange
    const text = ['tenants:', '  - id: search', '    rates:', '      requests_per_hour: 10'].join('\n');

    // Act / Assert
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^gateway\.yaml:4:26 tenants\[0\]\.rates: Unrecognized key.*requests_per_hour/),
    ]);
  });

  it('points at a key stored in clear instead of as a hash', () => {
    // Arrange
    const text = [
      'tenants:',
      '  - id: search',
      '    keys:',
      '      - id: k1',
      '        hash: bgw_plaintext',
    ].join('\n');

    // Act / Assert
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^gateway\.yaml:5:15 tenants\[0\]\.keys\[0\]\.hash: must be the 64-character/),
    ]);
  });

  it('points a missing field at its parent', () => {
    // Arrange
    const text = ['tenants:', '  - name: No id', '    pii: { mode: deny }'].join('\n');

    // Act / Assert
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^gateway\.yaml:2:5 tenants\[0\]\.id: Required/),
    ]);
  });

  it('reports duplicate tenants and key hashes on their lines', () => {
    // Arrange
    const text = [
      'tenants:',
      '  - id: a',
      `    keys: [{ id: k, hash: ${HASH} }]`,
      '  - id: a',
      `    keys: [{ id: k, hash: ${HASH} }]`,
    ].join('\n');

    // Act
    const problems = problemsOf(text);

    // Assert
    expect(problems).toEqual([
      expect.stringMatching(/^gateway\.yaml:4:9 tenants\[1\]\.id: duplicate tenant id/),
      expect.stringMatching(/^gateway\.yaml:5:27 tenants\[1\]\.keys\[0\]\.hash: duplicate key hash/),
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    // Arrange
    const text = ['tenants:', '  - id: a', '    name: "unterminated'].join('\n');

    // Act
    const problems = problemsOf(text);

    // Assert
    expect(problems[0]).toMatch(/^gateway\.yaml:3:\d+ \(document\): /);
  });
});
