import { spawnSync } from 'node:child_process';
import { GATEWAY_BUNDLE, ensureBuiltGateway } from '../health/support/built-gateway';

// A configuration mistake stops the built gateway at once: exit code 1 and one line naming the variable.
describe('the built gateway with a bad configuration', () => {
  beforeAll(() => ensureBuiltGateway(), 120_000);

  const boot = (env: Record<string, string>) =>
    spawnSync(process.execPath, [GATEWAY_BUNDLE], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it.each([
    [
      'production without GATEWAY_CONFIG',
      { NODE_ENV: 'production', BEDROCK_BACKEND: 'local' },
      /^GATEWAY_CONFIG is required in production/,
    ],
    [
      'production without BEDROCK_BACKEND',
      { NODE_ENV: 'production' },
      /^BEDROCK_BACKEND: must be set in production/,
    ],
    [
      'an unknown DEFAULT_MODEL',
      { DEFAULT_MODEL: 'claude-3-haiku-typo' },
      /^DEFAULT_MODEL: "claude-3-haiku-typo" is not a known model/,
    ],
    [
      'an unknown DEFAULT_KNOWLEDGE_BASE',
      { DEFAULT_KNOWLEDGE_BASE: 'genral' },
      /^DEFAULT_KNOWLEDGE_BASE: "genral" is not in KNOWLEDGE_BASES/,
    ],
  ])('stops on %s with exit 1 and one line', (_, env, line) => {
    // Act
    const result = boot(env);
    // Assert
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
  });
});
