import { createTestDatabase, findPostgresTestUrl } from '../../libs/usage/src/testing/postgres-test-target';
import { StallingProxy } from '../../libs/usage/src/testing/stalling-proxy';
import { getJson, startGateway, type TestGateway } from '../support/gateway-harness';

const url = findPostgresTestUrl('/usage/* on a stalled PostgreSQL');

/**
 * `/usage/*` on a PostgreSQL ledger (DATABASE_URL) whose server stops answering while keeping its
 * connections open (paused, partitioned): each report answers 503 `not_ready` in the error envelope once
 * its bound runs out (USAGE_REPORT_TIMEOUT_MS plus 2 s, or 5 s to open a connection) instead of hanging,
 * and answers again once the server does. The gateway has a database of its own, dropped at the end.
 */
(url === null ? describe.skip : describe)('/usage/* on a PostgreSQL that stops answering', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let proxy: StallingProxy;
  let gateway: TestGateway;

  beforeAll(async () => {
    database = await createTestDatabase(url as string);
    proxy = await StallingProxy.inFrontOf(database.url);
    gateway = await startGateway({
      DATABASE_URL: proxy.through(database.url),
      USAGE_REPORT_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    try {
      proxy?.resume();
      await gateway?.close();
      await proxy?.close();
    } finally {
      await database?.drop();
    }
  }, 30_000);

  it('answers each report 503 not_ready in the envelope, then 200 again once the server answers', async () => {
    // Arrange: the reports answer while the server does
    const routes = ['/usage/summary', '/usage/requests', '/usage/export?format=csv', '/usage/me'];
    const before = await Promise.all(routes.map((route) => getJson(`${gateway.url}${route}`)));
    // Act: the server stops answering, connections stay open
    proxy.stall();
    const stalled = await Promise.all(routes.map((route) => getJson(`${gateway.url}${route}`)));
    proxy.resume();
    const after = await Promise.all(routes.map((route) => getJson(`${gateway.url}${route}`)));
    // Assert
    expect(before.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    for (const answer of stalled) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.json).toEqual({
        error: {
          code: 'not_ready',
          message: expect.stringMatching(/usage ledger/),
          request_id: answer.headers.get('x-request-id'),
        },
      });
      expect(answer.text).not.toMatch(/127\.0\.0\.1|postgres/i); // the server's address goes to the log only
    }
    expect(after.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  }, 60_000);
});
