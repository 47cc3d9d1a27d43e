import { TestGateway, getJson, startGateway } from '../support/gateway-harness';
import { aroundStoreMethod } from '../support/usage-records';

/** A store whose reports fail with an error the gateway does not know, carrying internals in its message. */
const failingReports = aroundStoreMethod('summary', () =>
  Promise.reject(
    Object.assign(new Error('disk image is malformed: /srv/secret-volume/usage.db page 7'), {
      code: 'SQLITE_CORRUPT',
    }),
  ),
);

// API.md: internal_error, 500, "anything else; no stack, no internals, just the request id".
describe('an error the gateway does not know', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({}, { wrapUsageStore: failingReports });
  });
  afterAll(() => gateway.close());

  it.each(['/usage/summary', '/usage/me'])(
    'is answered on %s with 500 internal_error and the request id only',
    async (path) => {
      // Act
      const response = await getJson(`${gateway.url}${path}`, { 'x-request-id': 'internal-1' });
      // Assert
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('x-request-id')).toBe('internal-1');
      expect(response.json).toEqual({
        error: {
          code: 'internal_error',
          message: 'Something went wrong inside the gateway.',
          request_id: 'internal-1',
        },
      });
      expect(response.text).not.toMatch(/secret-volume|SQLITE_CORRUPT|malformed|\bat \S+ \(/);
    },
  );
});
