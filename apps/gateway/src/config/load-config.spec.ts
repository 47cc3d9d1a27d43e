import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    const folder = mkdtempSync(join(tmpdir(), 'kb-dir-'));
    try {
      expect(loadConfig({ BEDROCK_LOCAL_KB_DIR: folder }).env.BEDROCK_LOCAL_KB_DIR).toBe(folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a folder holding a bad file, in one line naming the variable and the file', () => {
    // Arrange
    const folder = mkdtempSync(join(tmpdir(), 'kb-dir-'));
    mkdirSync(join(folder, 'handbook'));
    writeFileSync(join(folder, 'handbook', 'kb.json'), '{bad');
    // Act
    let error: unknown;
    try {
      loadConfig({ BEDROCK_LOCAL_KB_DIR: folder });
    } catch (thrown) {
      error = thrown;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    // Assert
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^BEDROCK_LOCAL_KB_DIR: ${join(folder, 'handbook', 'kb.json')}: not valid JSON: Expected property name[^\\n]*$`,
      ),
    );
  });

  it('ignores it with real Bedrock, which never reads it', () => {
    expect(() => loadConfig({ BEDROCK_LOCAL_KB_DIR: missing, BEDROCK_BACKEND: 'aws' })).not.toThrow();
  });
});

describe('loadConfig: BEDROCK_FAILOVER_REGIONS', () => {
  it.each(['us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'eusc-de-east-1', 'ap-southeast-5'])(
    'takes the region name %s, whatever its partition',
    (region) => {
      expect(loadConfig({ AWS_REGION: region, BEDROCK_FAILOVER_REGIONS: '' }).regions).toEqual([region]);
    },
  );

  it('takes region names in order, without the primary', () => {
    const config = loadConfig({
      AWS_REGION: 'us-east-1',
      BEDROCK_FAILOVER_REGIONS: ' us-west-2, us-east-1,eu-west-1',
    });
    expect(config.regions).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
  });

  it.each([
    ['us-west-2,not a region', '"not a region" must be an AWS region name (like us-west-2)'],
    ['us-west-2,US-EAST-2', '"US-EAST-2" must be an AWS region name (like us-west-2)'],
    ['us-west-2,us-west-2', '"us-west-2" is listed twice'],
  ])('refuses %j, naming the variable', (value, message) => {
    expect(() => loadConfig({ BEDROCK_FAILOVER_REGIONS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ BEDROCK_FAILOVER_REGIONS: value })).toThrow(
      expect.objectContaining({ message: expect.stringContaining(`BEDROCK_FAILOVER_REGIONS: ${message}`) }),
    );
  });
});

describe('loadConfig: blank and integer values', () => {
  it('takes a blank value as unset, like an empty one', () => {
    const config = loadConfig({ PORT: '  ', SHUTDOWN_GRACE_MS: ' \t' });
    expect(config.env.PORT).toBe(3000);
    expect(config.env.SHUTDOWN_GRACE_MS).toBe(10_000);
  });

  it("defaults to API.md's figures: a 60 s deadline and a body of 1 MiB", () => {
    const config = loadConfig({});
    expect(config.env.DEFAULT_TIMEOUT_MS).toBe(60_000);
    expect(config.env.BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it('takes decimal digits, around blanks too', () => {
    expect(loadConfig({ PORT: ' 8080 ' }).env.PORT).toBe(8080);
  });

  it.each(['0x10', '1e3', '12abc', '-1', '2.5'])('refuses PORT=%j, naming the variable', (value) => {
    expect(() => loadConfig({ PORT: value })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('PORT: ') }),
    );
  });
});
