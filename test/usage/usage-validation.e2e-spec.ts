import { TestGateway, getJson, startGateway } from '../support/gateway-harness';

// Bad query strings on /usage/* are 400 validation_error naming the field; nothing reaches the store.
describe('GET /usage/* — validation', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it.each([
    ['summary?group_by=weekday', 'group_by'],
    ['summary?from=yesterday', 'from'],
    ['summary?to=2025-13-01T00:00:00Z', 'to'],
    ['summary?colour=blue', 'colour'],
    ['me?tenant=someone-else', 'tenant'],
    ['requests?limit=1001', 'limit'],
    ['requests?limit=0', 'limit'],
    ['requests?limit=ten', 'limit'],
    ['requests?status=fine', 'status'],
    ['export?format=xlsx', 'format'],
    ['export', 'format'],
    // PostgreSQL text holds no NUL: such a filter was a 500 there (and matched nothing on SQLite).
    ['requests?tenant=%00', 'tenant'],
    ['summary?tenant=a%00b', 'tenant'],
    ['requests?model=x%00', 'model'],
    ['requests?cursor=%00', 'cursor'],
    // Unknown fields with inherited names were dropped without a word (200).
    ['summary?toString=1', 'toString'],
    ['requests?hasOwnProperty=1', 'hasOwnProperty'],
    // ISO-8601 forms Date misreads (2025-002 is January 2nd, read as February) or cannot read.
    ['summary?from=2025-002&to=2025-003', 'from'],
    ['summary?from=2025-W01-1', 'from'],
    ['summary?to=20250101T000000Z', 'to'],
    // Number() takes these; a client bug should not page with a limit it never meant.
    ['requests?limit=0x10', 'limit'],
    ['requests?limit=1e3', 'limit'],
  ])('rejects /usage/%s naming %s', async (path, field) => {
    // Act
    const { status, json } = await getJson(`${gateway.url}/usage/${path}`);
    // Assert
    expect(status).toBe(400);
    expect(json.error.code).toBe('validation_error');
    expect(json.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    ['summary?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'to'],
    ['requests?cursor=not-a-cursor', 'cursor'],
    // The base64url decoder skips `!`: this read as position 1:1 and answered an empty last page.
    ['requests?cursor=v1.MTox!!!', 'cursor'],
    // A range start past the last instant a Date holds (1:1:8640000000000001): it was a 500.
    ['requests?cursor=v2.MToxOjg2NDAwMDAwMDAwMDAwMDE', 'cursor'],
    ['export?format=csv&from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'to'],
  ])('rejects /usage/%s with a message naming %s', async (path, field) => {
    // Act
    const { status, json } = await getJson(`${gateway.url}/usage/${path}`);
    // Assert
    expect(status).toBe(400);
    expect(json.error.code).toBe('validation_error');
    expect(json.error.message.startsWith(`${field} `)).toBe(true);
    expect(json.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });

  it('answers 404 model_not_found for a model filter the catalog does not know', async () => {
    // Act
    const { status, json } = await getJson(`${gateway.url}/usage/requests?model=gpt-9`);
    // Assert
    expect(status).toBe(404);
    expect(json.error.code).toBe('model_not_found');
  });
});
