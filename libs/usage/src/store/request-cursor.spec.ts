import { decodeCursor, encodeCursor, toRequestsPage } from './request-cursor';
import { UsageQueryError } from './usage-query.error';
import type { UsageRow } from './usage-query.types';

const row = (id: number, timestamp: string) => ({ id, timestamp }) as UsageRow;

describe('request cursors', () => {
  it('round-trips a position with the start of its range', () => {
    const cursor = { timestamp: 1_733_000_000_123, id: 42, from: 1_732_900_000_000 };

    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('still reads a v1 cursor, which kept no range', () => {
    expect(decodeCursor(`v1.${Buffer.from('17:3').toString('base64url')}`)).toEqual({
      timestamp: 17,
      id: 3,
      from: null,
    });
  });

  const encoded = (text: string) => `v2.${Buffer.from(text).toString('base64url')}`;
  it.each([
    'v1.MTox!!!',
    'v2.MTox ',
    'v3.MTox',
    'MTox',
    encoded('1:x'),
    // Safe integers past the last instant a Date holds (8.64e15 ms): toISOString() would throw later.
    encoded('1:1:8640000000000001'),
    encoded('8640000000000001:1'),
  ])('refuses %s', (token) => expect(() => decodeCursor(token)).toThrow(UsageQueryError));

  it('gives a next page a cursor that decodes, also for a range starting before 1970', () => {
    const rows = [
      row(3, '2025-01-01T00:00:03.000Z'),
      row(2, '2025-01-01T00:00:02.000Z'),
      row(1, '2025-01-01T00:00:01.000Z'),
    ];

    const page = toRequestsPage(rows, 2, new Date('1969-01-01T00:00:00Z'));

    expect(page.rows.map((r) => r.id)).toEqual([3, 2]);
    expect(decodeCursor(page.next_cursor!)).toEqual({
      timestamp: Date.parse(rows[1]!.timestamp),
      id: 2,
      from: 0,
    });
  });
});
