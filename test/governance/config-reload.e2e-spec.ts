import type { BedrockEmulator } from '@app/bedrock-emulator';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { TestGateway, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import { bearer, writeGatewayConfig, type GatewayConfigFile } from './support/governance-fixture';

// SIGHUP reloads the GATEWAY_CONFIG file: key revocation and allow-list changes without a restart.
interface ConfigDocument {
  tenants: { id: string; allowed_models?: string[]; keys: { id: string; revoked?: boolean }[] }[];
}

describe('reloading the gateway config on SIGHUP', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;
  const chat = { model: 'claude-3-haiku', message: 'Hello there', max_tokens: 20 };

  beforeAll(async () => {
    emulator = await startEmulator();
    config = writeGatewayConfig([
      { id: 'search', keys: [{ id: 'search-old' }, { id: 'search-new' }] },
      { id: 'ads', keys: [{ id: 'ads' }] },
    ]);
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, GATEWAY_CONFIG: config.path });
  });

  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  const call = (keyId: string) => postJson(`${gateway.url}/bedrock/chat`, chat, bearer(config.key(keyId)));
  const edit = (change: (document: ConfigDocument) => void) => {
    const document = parse(readFileSync(config.path, 'utf8')) as ConfigDocument;
    change(document);
    writeFileSync(config.path, stringify(document));
  };

  it('puts a revoked key and a new allow-list in force at SIGHUP, not before', async () => {
    // Arrange
    expect((await call('search-old')).status).toBe(200);
    edit((document) => {
      document.tenants[0]!.keys[0]!.revoked = true;
      document.tenants[1]!.allowed_models = ['llama-3-1'];
    });
    expect((await call('search-old')).status).toBe(200);

    // Act
    process.emit('SIGHUP');

    // Assert
    expect((await call('search-old')).status).toBe(401);
    expect((await call('search-new')).status).toBe(200);
    expect((await call('ads')).status).toBe(403);
  });

  it('does not turn authentication off when the reloaded file holds no key', async () => {
    // Arrange
    const before = readFileSync(config.path, 'utf8');
    writeFileSync(config.path, 'tenants: []\n');

    // Act
    process.emit('SIGHUP');

    // Assert: a caller without a key is still refused; the last good keys still work
    const anonymous = await postJson(`${gateway.url}/bedrock/chat`, chat);
    expect(anonymous.status).toBe(401);
    expect((await call('search-new')).status).toBe(200);
    writeFileSync(config.path, before);
  });

  it('keeps the running config when the file no longer validates', async () => {
    // Arrange
    const before = readFileSync(config.path, 'utf8');
    writeFileSync(config.path, 'tenants:\n  - id: search\n    pii: { mode: maybe }\n');

    // Act
    process.emit('SIGHUP');

    // Assert: still the last good file's keys
    expect((await call('search-new')).status).toBe(200);
    expect((await call('search-old')).status).toBe(401);
    writeFileSync(config.path, before);
  });
});
