import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENV_SCHEMA } from '../../apps/gateway/src/config/env.schema';
import { loadConfig } from '../../apps/gateway/src/config/load-config';
import { ComposeService, interpolateDefaults, readCompose, ROOT } from './support/deployment-files';

// No Docker engine runs here: these checks read docker-compose.yml and verify its wiring.
describe('docker-compose.yml', () => {
  const compose = readCompose();
  const service = (name: string): ComposeService => {
    const found = compose.services[name];
    if (!found) throw new Error(`service ${name} is missing`);
    return found;
  };
  const gatewayEnv = (): Record<string, string> =>
    Object.fromEntries(
      Object.entries(service('gateway').environment ?? {}).map(([key, value]) => [
        key,
        interpolateDefaults(String(value)),
      ]),
    );

  it('has the gateway, the emulator, PostgreSQL and Redis', () => {
    // Arrange / Act
    const names = Object.keys(compose.services);

    // Assert
    expect(names).toEqual(expect.arrayContaining(['gateway', 'bedrock-local', 'postgres', 'redis']));
  });

  it('sets only variables the config schema knows on the gateway, and they pass its validation', () => {
    // Arrange: the config file as the container sees it, through its mount.
    const env = gatewayEnv();
    const known = Object.keys(ENV_SCHEMA.shape);
    const mount = (service('gateway').volumes ?? []).find((volume) =>
      volume.includes(`:${env.GATEWAY_CONFIG}`),
    );
    const hostConfig = resolve(ROOT, mount?.split(':')[0] ?? '');

    // Act
    const unknown = Object.keys(env).filter((name) => !known.includes(name));

    // Assert: the file validates too (loadConfig reads it, and production needs a key in it).
    expect(unknown).toEqual([]);
    expect(() => loadConfig({ ...env, GATEWAY_CONFIG: hostConfig })).not.toThrow();
  });

  it('publishes the gateway on the port it listens on', () => {
    const env = gatewayEnv();

    expect(service('gateway').ports).toContain(`${env.PORT}:${env.PORT}`);
  });

  it('points the gateway at the other services by their names and ports', () => {
    // Arrange
    const env = gatewayEnv();
    const emulatorCommand = service('bedrock-local').command as string[];
    const emulatorPort = emulatorCommand[emulatorCommand.indexOf('--port') + 1];
    const postgres = service('postgres').environment ?? {};

    // Act
    const runtime = new URL(env.BEDROCK_ENDPOINT_URL ?? '');
    const database = new URL(env.DATABASE_URL ?? '');
    const redis = new URL(env.REDIS_URL ?? '');

    // Assert
    expect(runtime.hostname).toBe('bedrock-local');
    expect(runtime.port).toBe(emulatorPort);
    expect(service('bedrock-local').expose).toContain(emulatorPort);
    expect(emulatorCommand).toEqual(expect.arrayContaining(['--host', '0.0.0.0']));
    expect(env.BEDROCK_AGENT_ENDPOINT_URL).toBe(env.BEDROCK_ENDPOINT_URL);
    expect(env.BEDROCK_CONTROL_ENDPOINT_URL).toBe(env.BEDROCK_ENDPOINT_URL);
    expect([database.protocol, database.hostname, database.port]).toEqual(['postgres:', 'postgres', '5432']);
    expect(database.username).toBe(postgres.POSTGRES_USER);
    expect(database.password).toBe(interpolateDefaults(String(postgres.POSTGRES_PASSWORD)));
    expect(database.pathname).toBe(`/${String(postgres.POSTGRES_DB)}`);
    expect([redis.protocol, redis.hostname, redis.port]).toEqual(['redis:', 'redis', '6379']);
  });

  it('mounts the gateway config file it names, from the repository', () => {
    const env = gatewayEnv();
    const mount = (service('gateway').volumes ?? []).find((volume) =>
      volume.includes(`:${env.GATEWAY_CONFIG}`),
    );

    expect(mount).toBeDefined();
    expect(existsSync(resolve(ROOT, mount?.split(':')[0] ?? ''))).toBe(true);
  });

  it('starts the gateway only once its dependencies are healthy', () => {
    const dependsOn = service('gateway').depends_on ?? {};

    for (const name of ['bedrock-local', 'postgres', 'redis']) {
      expect(dependsOn[name]?.condition).toBe('service_healthy');
    }
  });

  it('gives every service a healthcheck, the gateway one on /health/live', () => {
    for (const [name, definition] of Object.entries(compose.services)) {
      expect({ name, test: definition.healthcheck?.test }).toEqual({ name, test: expect.anything() });
    }
    expect(JSON.stringify(service('gateway').healthcheck?.test)).toContain(
      `127.0.0.1:${gatewayEnv().PORT}/health/live`,
    );
  });

  it('keeps state in named volumes that are declared', () => {
    // Arrange
    const declared = Object.keys(compose.volumes ?? {});
    const named = Object.values(compose.services)
      .flatMap((definition) => definition.volumes ?? [])
      .map((volume) => volume.split(':')[0] ?? '')
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));

    // Assert
    expect(named.length).toBeGreaterThan(0);
    expect(declared).toEqual(expect.arrayContaining(named));
    expect(service('postgres').volumes).toContainEqual(
      expect.stringMatching(/:\/var\/lib\/postgresql\/data$/),
    );
    expect(service('redis').volumes).toContainEqual(expect.stringMatching(/:\/data$/));
    expect(service('gateway').volumes).toContainEqual(expect.stringMatching(/^[a-z-]+:\/app\/data$/));
  });

  it('gives the gateway more time to stop than its shutdown grace', () => {
    const grace = Number(gatewayEnv().SHUTDOWN_GRACE_MS ?? 10_000);
    const stop = /^(\d+)s$/.exec(service('gateway').stop_grace_period ?? '')?.[1];

    expect(Number(stop) * 1000).toBeGreaterThan(grace);
  });
});
