import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import { governanceConfigSchema } from './config/governance-config.schema';
import { GovernanceModule } from './governance.module';
import { GovernanceService } from './governance.service';
import { hashApiKey } from './keys/api-key';
import { CounterStore } from './limits/counter-store';
import { MemoryCounterStore } from './limits/memory-counter-store';

const EXAMPLE = join(__dirname, '../../../examples/gateway-config.yaml');

@Injectable()
class SettingsStub {
  readonly path = EXAMPLE;
}

@Module({ providers: [SettingsStub], exports: [SettingsStub] })
class SettingsModule {}

describe('GovernanceModule', () => {
  it('provides the service from a config file with in-memory counters, and closes them on shutdown', async () => {
    // Arrange
    const moduleRef = await Test.createTestingModule({
      imports: [GovernanceModule.forRoot({ configPath: EXAMPLE, production: true })],
    }).compile();
    const store = moduleRef.get(CounterStore);
    const close = jest.spyOn(store, 'close');

    // Act
    const service = moduleRef.get(GovernanceService);
    await moduleRef.close();

    // Assert
    expect(service.authEnabled).toBe(true);
    expect(store).toBeInstanceOf(MemoryCounterStore);
    expect(
      service.authenticate({ 'x-api-key': 'bgw_example-platform-admin-key-do-not-use-0000000' }),
    ).toMatchObject({
      role: 'admin',
    });
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('takes its options from injected providers with forRootAsync', async () => {
    // Arrange
    const moduleRef = await Test.createTestingModule({
      imports: [
        GovernanceModule.forRootAsync({
          imports: [SettingsModule],
          inject: [SettingsStub],
          useFactory: (settings: SettingsStub) => ({ configPath: settings.path, production: false }),
        }),
      ],
    }).compile();

    // Act
    const service = moduleRef.get(GovernanceService);

    // Assert
    expect(service.authEnabled).toBe(true);
    await moduleRef.close();
  });

  it('turns auth off without keys in local mode', async () => {
    // Arrange
    const moduleRef = await Test.createTestingModule({
      imports: [GovernanceModule.forRoot({ production: false })],
    }).compile();

    // Act
    const service = moduleRef.get(GovernanceService);

    // Assert
    expect(service.authEnabled).toBe(false);
    await moduleRef.close();
  });

  it.each([
    [{ production: true }, /GATEWAY_CONFIG is required in production/],
    [
      { production: true, configPath: '/tmp/x.yaml', config: governanceConfigSchema.parse({}) },
      /x\.yaml defines no API key/,
    ],
  ])('fails at boot in production without keys (%j)', async (options, message) => {
    // Act
    const boot = Test.createTestingModule({ imports: [GovernanceModule.forRoot(options)] }).compile();

    // Assert
    await expect(boot).rejects.toThrow(message);
  });

  it('fails at boot naming REDIS_URL when Redis cannot be reached, without printing its password', async () => {
    // Arrange
    const config = governanceConfigSchema.parse({
      tenants: [{ id: 't', keys: [{ id: 'k', hash: hashApiKey('x') }] }],
    });

    // Act
    const boot = Test.createTestingModule({
      imports: [
        GovernanceModule.forRoot({ config, production: true, redisUrl: 'redis://user:secret@127.0.0.1:1' }),
      ],
    }).compile();

    // Assert
    await expect(boot).rejects.toThrow(/^REDIS_URL: cannot connect to Redis at 127\.0\.0\.1:1: /);
    await expect(boot).rejects.not.toThrow(/secret/);
  });
});
