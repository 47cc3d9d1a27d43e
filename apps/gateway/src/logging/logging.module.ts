import { Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { GatewayConfig } from '../config/gateway-config';

/**
 * Structured logs with pino (nestjs-pino): one line per request with the same id as `x-request-id`,
 * the usage ledger and the error body. Only method, URL and status are logged: never bodies (prompts
 * and completions) and never credentials (redacted even if a serializer is changed later).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => ({
        pinoHttp: {
          level: config.env.LOG_LEVEL,
          // configure-app.ts copies Fastify's request id (from x-request-id) onto the raw request.
          genReqId: (request: IncomingMessage) => request.id ?? 'unknown',
          redact: {
            paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
            censor: '[REDACTED]',
          },
          serializers: {
            req: (request: IncomingMessage) => ({ id: request.id, method: request.method, url: request.url }),
            res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
          },
        },
        // Load balancers probe health every few seconds; those lines would drown the rest.
        exclude: [
          { method: RequestMethod.ALL, path: 'health' },
          { method: RequestMethod.ALL, path: 'health/{*probe}' },
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
