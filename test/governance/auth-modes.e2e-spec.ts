import { Logger } from '@nestjs/common';
import { postJson, startGateway } from '../support/gateway-harness';
import { bearer, writeGatewayConfig } from './support/governance-fixture';

/**
 * Production against a named endpoint: a refused boot must not leave an embedded emulator running (Nest
 * does not shut down the providers of a module that failed to compile, and nothing listens there).
 */
const PRODUCTION = { NODE_ENV: 'production', BEDROCK_ENDPOINT_URL: 'http://127.0.0.1:9' };

// Without keys: authentication off in local mode (with a loud warning), a refused boot in production.
describe('authentication modes', () => {
  afterEach(() => jest.restoreAllMocks());

  it('turns authentication off in local mode without keys, warning loudly at startup', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const gateway = await startGateway();
    try {
      const response = await postJson(`${gateway.url}/bedrock/chat`, { message: 'Hi', max_tokens: 10 });
      const admin = await fetch(`${gateway.url}/usage/summary`);

      expect(warn.mock.calls.some(([message]) => String(message).includes('AUTHENTICATION IS OFF'))).toBe(
        true,
      );
      expect(response.status).toBe(200);
      expect(admin.status).toBe(200);
      const records = await gateway.usageRecords();
      expect(records.find((record) => record.route === '/bedrock/chat')).toMatchObject({
        status: 'success',
        tenant: 'anonymous',
        keyId: null,
      });
    } finally {
      await gateway.close();
    }
  });

  it('does not warn when keys are configured', async () => {
    const config = writeGatewayConfig([{ id: 'search', keys: [{ id: 'search-ci' }] }]);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const gateway = await startGateway({ GATEWAY_CONFIG: config.path });
    try {
      const response = await postJson(
        `${gateway.url}/bedrock/chat`,
        { message: 'Hi', max_tokens: 10 },
        bearer(config.key('search-ci')),
      );

      expect(response.status).toBe(200);
      expect(warn.mock.calls.some(([message]) => String(message).includes('AUTHENTICATION IS OFF'))).toBe(
        false,
      );
    } finally {
      await gateway.close();
      config.remove();
    }
  });

  it('refuses to boot in production without GATEWAY_CONFIG', async () => {
    await expect(startGateway({ ...PRODUCTION })).rejects.toThrow(/GATEWAY_CONFIG/);
  });

  it('refuses to boot in production when the config defines no key', async () => {
    const config = writeGatewayConfig([{ id: 'search' }]);
    try {
      await expect(startGateway({ ...PRODUCTION, GATEWAY_CONFIG: config.path })).rejects.toThrow(
        /defines no API key/,
      );
    } finally {
      config.remove();
    }
  });
});
