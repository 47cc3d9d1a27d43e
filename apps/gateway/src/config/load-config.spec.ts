import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

describe('loadConfig: BEDROCK_LOCAL_KB_DIR', () => {
  const missing = join(tmpdir(), 'no-such-knowledge-base-folder');

  it('refuses a folder that does not exist when the emulator is embedded', () => {
    expect(() => loadConfig({ BEDROCK_LOCAL_KB_DIR: missing })).toThrow(
      new ConfigError(`BEDROCK_LOCAL_KB_DIR: ${missing} is not a folder`),
    );
  });

  it('takes an existing folder', () => {
    expect(loadConfig({ BEDROCK_LOCAL_KB_DIR: tmpdir() }).env.BEDROCK_LOCAL_KB_DIR).toBe(tmpdir());
  });

  it('ignores it with real Bedrock, which never reads it', () => {
    expect(() => loadConfig({ BEDROCK_LOCAL_KB_DIR: missing, BEDROCK_BACKEND: 'aws' })).not.toThrow();
  });
});
