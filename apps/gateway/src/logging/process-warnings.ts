import type { Logger } from 'pino';

/**
 * Node's process warnings (deprecations, MaxListenersExceeded, the AWS SDK's notice that its releases
 * after the first week of January 2027 need Node 22) become warn lines of the gateway's log. Node would
 * print each as several lines of plain text on stderr, which a log collector keeps as unparsed records,
 * one per line, beside the JSON lines on stdout.
 */
export function logProcessWarnings(logger: Logger): void {
  process.removeAllListeners('warning'); // Node's own printer
  process.on('warning', (warning: Error & { code?: string }) => {
    logger.warn(
      { warning: { name: warning.name, code: warning.code ?? null, message: warning.message } },
      'process warning',
    );
  });
}
