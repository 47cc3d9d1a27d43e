import { UsageLedger } from '@app/usage';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp, createHttpAdapter } from './configure-app';
import { loadConfig } from './config/load-config';
import { installLeanAsyncResourceBind } from './common/runtime/lean-async-resource-bind';
import { GovernanceConfigReload } from './governance/governance-config-reload';
import { holdHangupsWhileBooting } from './governance/hangups-while-booting';
import { exitGracefullyOnSignals } from './health/graceful-shutdown';
import { createGatewayLogger } from './logging/gateway-logger';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { logProcessWarnings } from './logging/process-warnings';

async function bootstrap(): Promise<void> {
  const hangups = holdHangupsWhileBooting();
  installLeanAsyncResourceBind();
  const config = loadConfig(process.env);
  // Nest logs through pino from its first line, so a boot that fails (a database or Redis out of reach)
  // leaves JSON lines, and the catch below one plain line, not Nest's coloured stack; Nest's own abort
  // (abortOnError) would exit before that line.
  const logger = createGatewayLogger(config.env.LOG_LEVEL);
  logProcessWarnings(logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger),
    createHttpAdapter(config),
    { ...APP_OPTIONS, logger: new PinoNestLogger(logger), abortOnError: false },
  );
  configureApp(app);
  await app.listen(config.env.PORT, config.env.HOST);
  const stop = exitGracefullyOnSignals(app, {
    drainDelayMs: config.env.SHUTDOWN_DRAIN_DELAY_MS,
    graceMs: config.env.SHUTDOWN_GRACE_MS,
  });
  // Without its data folder's lock, the gateway stops as on SIGTERM (drain, flush) with exit 1, and its
  // supervisor starts it again, rather than spill into a file another process may delete.
  app.get(UsageLedger).onSpillLockLost(() => stop('lost the lock on the usage spill file'));
  hangups.afterBoot(app.get(GovernanceConfigReload));
  new Logger('Gateway').log(`listening on ${await app.getUrl()} (bound to ${config.env.HOST})`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
