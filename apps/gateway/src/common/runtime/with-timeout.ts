/** A wait that ran out (`withTimeout`); readiness shows it by this name. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * `work`'s outcome, or a `TimeoutError` ("no answer within `ms` ms") when it has not settled by then.
 * The timer is cleared as soon as `work` settles; `work` itself is not stopped.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
