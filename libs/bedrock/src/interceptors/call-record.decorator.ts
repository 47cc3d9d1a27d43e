import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CallRecord } from './call-record';

const RECORDS = new WeakMap<object, CallRecord>();

/** The request's call record, created on first use (by the usage interceptor, before the handler). */
export function callRecordOf(request: object): CallRecord {
  let record = RECORDS.get(request);
  if (!record) {
    record = new CallRecord();
    RECORDS.set(request, record);
  }
  return record;
}

/** Injects the request's `CallRecord` into a handler parameter. */
export const Call = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  callRecordOf(context.switchToHttp().getRequest<object>()),
);
