import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { InFlightCalls } from '@app/bedrock';
import { endOpenCalls } from '../common/http/client-abort';
import { DrainState } from './drain-state';

export interface GracefulShutdownOptions {
  /** Time between readiness turning 503 and the listener closing, for load balancers to notice. */
  drainDelayMs: number;
  /** From the signal, how long in-flight requests (streams included) may take; the drain delay counts. */
  graceMs: number;
}

/** How often idle keep-alive sockets are closed while in-flight requests finish. */
const IDLE_SWEEP_MS = 100;
/**
 * Once the listener has closed, how long calls still recording their usage get before the ledger flush:
 * calls cut at the end of the grace, and calls whose caller left as the last connections closed.
 */
const RECORDING_CALLS_SETTLE_MS = 2_000;
/** Once the grace has run out, how long the ended calls get to send their 503 or `error` event. */
const ENDED_CALLS_ANSWER_MS = 500;

/**
 * SIGTERM (and SIGINT, without the drain delay: nothing routes to a terminal) → `gracefulShutdown`, then
 * exit 0; exit 1 if the shutdown itself fails. A second signal exits at once. Returns `stop(why)`: the
 * same shutdown started from inside, ending with exit 1 (the process could not go on, so a supervisor
 * that restarts only failures restarts it); it does nothing once a shutdown is under way.
 */
export function exitGracefullyOnSignals(
  app: NestFastifyApplication,
  options: GracefulShutdownOptions,
  logger = new Logger('Shutdown'),
): (why: string) => void {
  let stopping = false;
  const shutDown = (drainDelayMs: number, exitCode: number): void => {
    stopping = true;
    gracefulShutdown(app, { ...options, drainDelayMs }, logger).then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting for in-flight requests`);
      process.exit(1);
    }
    shutDown(signal === 'SIGINT' ? 0 : options.drainDelayMs, 0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return (why) => {
    if (stopping) return;
    logger.error(`stopping: ${why}`);
    shutDown(options.drainDelayMs, 1);
  };
}

/**
 * 1. Readiness answers 503 at once; requests are still served for `drainDelayMs` while the load balancer
 *    takes the instance out. 2. The listener closes: new connections are refused, a new request on a
 *    kept-alive socket gets 503 `not_ready` with `connection: close`, idle sockets are closed.
 *    3. In-flight requests and streams finish, until `graceMs` after the signal; then the calls still
 *    running are ended with
 *    503 `not_ready` (a stream with its `error` event), remaining sockets are cut 0.5 s later, and calls
 *    still recording their usage (those ended, and those whose caller left at the end) get up to 2 s.
 *    4. `app.close()` runs the shutdown hooks: the usage ledger is flushed and its store closed, the
 *    emulator stops.
 */
export async function gracefulShutdown(
  app: NestFastifyApplication,
  options: GracefulShutdownOptions,
  logger: Logger,
): Promise<void> {
  const deadline = Date.now() + options.graceMs;
  app.get(DrainState).start();
  const drainDelayMs = Math.min(options.drainDelayMs, options.graceMs);
  logger.log(`draining: readiness is 503, the listener closes in ${drainDelayMs} ms`);
  await sleep(drainDelayMs);

  const fastify = app.getHttpAdapter().getInstance();
  const server = fastify.server;
  app.get(DrainState).closeListener();
  const closed = fastify.close();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  let wasCut = false;
  let closeAll: NodeJS.Timeout | undefined;
  const cut = setTimeout(
    () => {
      wasCut = true;
      const ended = endOpenCalls(fastify);
      logger.warn(
        `grace period of ${options.graceMs} ms is over: ended ${ended} call(s) with 503 not_ready; ` +
          `closing the remaining connections in ${ENDED_CALLS_ANSWER_MS} ms`,
      );
      closeAll = setTimeout(() => server.closeAllConnections(), ENDED_CALLS_ANSWER_MS);
    },
    Math.max(0, deadline - Date.now()),
  );
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
    clearTimeout(closeAll);
  }
  // A call ends, and records its usage, a few ticks after its connection closed: one cut above (its
  // upstream call aborted), or one whose caller left while the last connections closed (the listener's
  // close does not wait for it). Its record must reach the ledger before the final flush.
  if (!(await app.get(InFlightCalls).idle(RECORDING_CALLS_SETTLE_MS))) {
    logger.warn(
      `calls still unrecorded ${RECORDING_CALLS_SETTLE_MS} ms after the listener closed${wasCut ? ' and the cut' : ''}; flushing without them`,
    );
  }
  logger.log('in-flight requests done; flushing the usage ledger');
  await app.close();
}
