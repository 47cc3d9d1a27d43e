import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');

export type LogLevel = Level | 'silent';

/** Lines are buffered up to this many bytes before a write to stdout (pino's asynchronous logging). */
const BUFFER_BYTES = 4096;
/** A quiet gateway's lines still reach stdout within this time. */
const FLUSH_INTERVAL_MS = 1000;

/**
 * The gateway's one pino logger (JSON lines on stdout). Credentials never reach it: the access log
 * writes method, URL and status only, and the redact paths below guard any object logged later.
 *
 * stdout is written asynchronously, in chunks of up to 4 KiB, at least once a second: a synchronous write
 * per access-log line was one system call per request on the event loop. pino flushes the buffer
 * synchronously when the process exits (also through process.exit, as main.ts does after SIGTERM); only a
 * SIGKILL or a crash of Node itself loses the last second of lines. Tests pass their own destination.
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
  if (destination) return pino(options, destination);
  const logger = pino(options, pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES }));
  setInterval(() => logger.flush(), FLUSH_INTERVAL_MS).unref();
  return logger;
}
