import type { CallRecord, CanonicalChatRequest } from '@app/bedrock';
import { Logger } from '@nestjs/common';

const logger = new Logger('Transcript');

/**
 * Prompts and completions are logged only for a tenant that opted in (`log_prompts`, DESIGN.md): one
 * info line per call with the caller's prompt as sent (after PII redaction; retrieved passages left
 * out) and the completion as delivered (what a stream cut short had sent). Nothing for other tenants.
 */
export function logTranscript(
  record: CallRecord,
  requestId: string,
  prompt: Pick<CanonicalChatRequest, 'system' | 'messages'>,
  completion: string,
): void {
  if (!record.logPrompts) return;
  logger.log(
    {
      request_id: requestId,
      tenant: record.tenant,
      key_id: record.keyId,
      model: record.model?.alias ?? record.model?.baseModelId ?? null,
      status: record.status ?? 'success',
      system: prompt.system ?? null,
      messages: prompt.messages,
      completion,
    },
    'transcript',
  );
}
