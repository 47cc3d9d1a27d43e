import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');

export type LogLevel = Level | 'silent';

/**
 * The gateway's one pino logger (JSON lines on stdout). Credentials never reach it: the access log
 * writes method, URL and status only, and the redact paths below guard any object logged later.
 */
export function createGatewayLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'apiKey',
        'secret',
      ],
      censor: '[REDACTED]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
