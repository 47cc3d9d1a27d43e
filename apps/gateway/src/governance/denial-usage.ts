import { CallRecord, toUsageEvent, type UsageEvent } from '@app/bedrock';
import type { KeyOwner, PolicyDenial } from '@app/governance';
import { API_ERROR_STATUS } from '../common/errors/api-error-code';
import { USAGE_METADATA } from './governance-route.constants';
import { routeOf, type GovernedRequest } from './governed-request';

/**
 * Marks a model call refused by the policy chain, so that the usage interceptor (which sees the error)
 * records it as `denied` with the code and reason. Only the reason is stored, never the input.
 */
export function markDenied(record: CallRecord, denial: PolicyDenial): void {
  record.status = 'denied';
  // No model was called: the cost is exactly nothing, not unknown (which reports would count as unpriced).
  record.costUsd = 0;
  record.errorCode = denial.code;
  record.httpStatus = API_ERROR_STATUS[denial.code];
  record.metadata = { ...record.metadata, [USAGE_METADATA.denialReason]: denial.details.reason };
}

/**
 * The usage event of a request the auth guard refused. Guards run before the usage interceptor, so the
 * guard records these itself; tenant and key are known only when the key is (a valid key refused an
 * admin route, or a revoked key).
 */
export function guardDenialEvent(
  request: GovernedRequest,
  denial: PolicyDenial,
  who: KeyOwner | undefined,
): UsageEvent {
  const record = new CallRecord();
  record.tenant = who?.tenantId ?? null;
  record.keyId = who?.keyId ?? null;
  markDenied(record, denial);
  return toUsageEvent({
    requestId: request.id,
    route: routeOf(request),
    record,
    startedAt: request.startedAt ?? performance.now(),
    failure: undefined,
    replyStatus: API_ERROR_STATUS[denial.code],
  });
}
