import { parseSse } from '../../support/gateway-harness';

/** What became of one chat request sent while the gateway was being stopped. */
export interface LoadOutcome {
  requestId: string;
  stream: boolean;
  /** Sent before SIGTERM: the gateway had accepted it (the listener stays open during the drain delay). */
  beforeSignal: boolean;
  /** HTTP status, or 0 when no response came (connection refused or reset before any answer). */
  status: number;
  /** A 200 whose body is whole: a JSON answer, or a stream that ends with `done`. */
  complete: boolean;
  /** The body received (JSON or SSE text), null when none came. */
  body: string | null;
  error: string | null;
}

/** Sends one chat (streamed or not) with its own request id and classifies the result. */
export async function sendChat(
  url: string,
  requestId: string,
  stream: boolean,
  beforeSignal: boolean,
): Promise<LoadOutcome> {
  const outcome: LoadOutcome = {
    requestId,
    stream,
    beforeSignal,
    status: 0,
    complete: false,
    body: null,
    error: null,
  };
  try {
    const response = await fetch(`${url}/bedrock/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({
        message: `Shutdown drill ${requestId}`,
        model: 'claude-3-haiku',
        max_tokens: 64,
        stream,
      }),
    });
    outcome.status = response.status;
    const text = await response.text();
    outcome.body = text;
    outcome.complete = response.status === 200 && (stream ? endsWithDone(text) : isAnswer(text));
  } catch (error) {
    outcome.error = errorCode(error);
  }
  return outcome;
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : String(error);
}

function endsWithDone(text: string): boolean {
  try {
    return parseSse(text).at(-1)?.event === 'done';
  } catch {
    return false;
  }
}

function isAnswer(text: string): boolean {
  try {
    return typeof (JSON.parse(text) as { response?: unknown }).response === 'string';
  } catch {
    return false;
  }
}

/** Polls readiness until `stop()`; returns every status seen, or the error code when none came. */
export function pollReadiness(url: string): { stop: () => Promise<(number | string)[]> } {
  const statuses: (number | string)[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      statuses.push(
        await fetch(`${url}/health/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return statuses;
    },
  };
}
