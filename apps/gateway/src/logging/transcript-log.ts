import { type CallRecord, type CanonicalChatRequest, usageStatusOf } from '@app/bedrock';
import { Logger } from '@nestjs/common';
import { toApiError } from '../common/errors/to-api-error';

const logger = new Logger('Transcript');

/**
 * Prompts and completions are logged only for a tenant that opted in (`log_prompts`, DESIGN.md): one
 * info line per call with the caller's prompt as sent (after PII redaction; retrieved passages left
 * out) and the completion as delivered (what a stream cut short had sent; empty for a failed blocking
 * call). Nothing for other tenants.
 */
export function logTranscript(
  record: CallRecord,
  requestId: string,
  prompt: Pick<CanonicalChatRequest, 'system' | 'messages'>,
  completion: string,
  failure?: unknown,
): void {
  if (!record.logPrompts) return;
  const errorCode = failure === undefined ? record.errorCode : toApiError(failure).code;
  const status = record.status ?? usageStatusOf(errorCode);
  logger.log(
    {
      requestId,
      tenant: record.tenant,
      key_id: record.keyId,
      model: record.model?.alias ?? record.model?.baseModelId ?? null,
      status,
      error_code: errorCode,
      system: prompt.system ?? null,
      messages: prompt.messages,
      completion,
    },
    'transcript',
  );
}

/** A rejection handler that logs the failed call's transcript (no completion) and rethrows. */
export function logFailedTranscript(
  record: CallRecord,
  requestId: string,
  prompt: Pick<CanonicalChatRequest, 'system' | 'messages'>,
): (error: unknown) => never {
  return (error) => {
    logTranscript(record, requestId, prompt, '', error);
    throw error;
  };
}

/**
 * The transcript of one stream: what its caller received, logged once, when the stream ends or fails,
 * or when its caller left before reading it (the stream's generator then never runs). Keeps nothing for
 * a tenant that did not opt in.
 */
export class StreamTranscript {
  private readonly delivered: string[] | null;
  private logged = false;

  constructor(
    private readonly record: CallRecord,
    private readonly requestId: string,
    private readonly prompt: Pick<CanonicalChatRequest, 'system' | 'messages'>,
  ) {
    this.delivered = record.logPrompts ? [] : null;
  }

  /** Text the caller was sent. */
  add(text: string): void {
    this.delivered?.push(text);
  }

  /** Logs what was delivered so far; later calls log nothing. */
  log(): void {
    if (!this.delivered || this.logged) return;
    this.logged = true;
    logTranscript(this.record, this.requestId, this.prompt, this.delivered.join(''));
  }
}
