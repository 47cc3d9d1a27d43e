import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's LoggerService on the gateway's pino logger. Nest's `Logger` appends the logger's context as
 * the last argument; `error(message, stack, context)` is Nest's own exception-handler form; an object
 * first (`logger.error({ err, requestId }, 'text')`) becomes the line's fields, as in pino.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    if (rest.length > 0 && (typeof rest.at(-1) === 'string' || rest.at(-1) === undefined)) {
      const context = rest.pop();
      if (context !== undefined) fields.context = context;
    }
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const text = typeof rest[0] === 'string' ? rest[0] : undefined;
      this.pino[level]({ ...fields, ...message }, text);
    } else {
      if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest[0];
      this.pino[level](fields, String(message));
    }
  }
}
