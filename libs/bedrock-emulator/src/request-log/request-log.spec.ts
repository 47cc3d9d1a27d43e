import { RequestLog, parseSdkRequestHeader } from './request-log';
import type { RequestRecord } from './request-record';

const record = (requestId: string): RequestRecord => ({
  requestId,
  receivedAt: '2026-11-22T00:00:00.000Z',
  method: 'POST',
  path: '/x',
  operation: 'InvokeModel',
  protocol: '2.0',
  faults: [],
  aborted: false,
  done: true,
});

describe('RequestLog', () => {
  it('keeps only the newest entries, oldest first', () => {
    const log = new RequestLog(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.add(record(id));

    expect(log.all().map((entry) => entry.requestId)).toEqual(['c', 'd', 'e']);
  });

  it('returns copies and can be cleared', () => {
    const log = new RequestLog(3);
    log.add(record('a'));
    log.all()[0]!.faults.push('mutated');

    expect(log.all()[0]!.faults).toEqual([]);
    log.clear();
    expect(log.all()).toEqual([]);
  });

  it('parses amz-sdk-request', () => {
    expect(parseSdkRequestHeader('attempt=2; max=3')).toEqual({ attempt: 2, maxAttempts: 3 });
    expect(parseSdkRequestHeader('attempt=1')).toEqual({ attempt: 1 });
    expect(parseSdkRequestHeader('nonsense')).toEqual({});
    expect(parseSdkRequestHeader(undefined)).toEqual({});
  });
});
