import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { GatewayConfig } from '../config/gateway-config';
import { createGatewayLogger, GATEWAY_LOGGER } from './gateway-logger';

/**
 * Structured logs with pino: the gateway's logger (GATEWAY_LOGGER), Nest's own logs through it
 * (`PinoNestLogger`, given to Nest by main.ts) and the access log (access-log.ts, registered by configureApp).
 * No per-request async context: an AsyncLocalStorage would turn on promise hooks for every promise in
 * the process (measured ~10 % of the gateway's CPU at 16 connections); lines carry the request id instead.
 */
@Global()
@Module({})
export class LoggingModule {
  /** With main.ts's logger (Nest logs through it from the first line of the boot), else one from the config. */
  static forRoot(logger?: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        logger
          ? { provide: GATEWAY_LOGGER, useValue: logger }
          : {
              provide: GATEWAY_LOGGER,
              inject: [GatewayConfig],
              useFactory: (config: GatewayConfig) => createGatewayLogger(config.env.LOG_LEVEL),
            },
      ],
      exports: [GATEWAY_LOGGER],
    };
  }
}
