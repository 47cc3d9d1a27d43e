import type { ModelResolver, ResolvedModel } from '@app/bedrock';
import type { UsageRequestsPage, UsageStore, UsageSummary } from '@app/usage';
import { UsageReportService } from './usage-report.service';

/** A cursor from before the range was kept: position 1:1. */
const CURSOR_V1 = `v1.${Buffer.from('1:1').toString('base64url')}`;

describe('UsageReportService', () => {
  const page: UsageRequestsPage = { rows: [], next_cursor: null };
  const setup = () => {
    const store = {
      summary: jest.fn(async () => ({}) as UsageSummary),
      requests: jest.fn(async () => page),
    };
    const resolver = {
      resolve: jest.fn((model: string) => ({ baseModelId: `id-of-${model}` }) as ResolvedModel),
    };
    const service = new UsageReportService(
      store as unknown as UsageStore,
      resolver as unknown as ModelResolver,
    );
    return { store, resolver, service };
  };

  it('filters requests on the normalised model id of an alias', async () => {
    // Arrange
    const { store, service } = setup();
    // Act
    await service.requests({ model: 'claude-3-haiku', limit: 5, cursor: CURSOR_V1 });
    // Assert
    expect(store.requests).toHaveBeenCalledWith(
      expect.objectContaining({ model: 'id-of-claude-3-haiku', limit: 5, cursor: CURSOR_V1 }),
    );
  });

  it('reads a later page from the start of the range its cursor was issued for, unless from is given', async () => {
    // Arrange: a cursor issued for a range starting at 2025-01-01T00:00:00Z
    const { store, service } = setup();
    const cursor = `v2.${Buffer.from(`${Date.UTC(2025, 0, 1, 6)}:7:${Date.UTC(2025, 0, 1)}`).toString('base64url')}`;
    // Act
    await service.requests({ cursor });
    await service.requests({ cursor, from: '2025-01-01T03:00:00Z' });
    // Assert
    const calls = store.requests.mock.calls as unknown as [{ from: Date }][];
    const froms = calls.map(([query]) => query.from.toISOString());
    expect(froms).toEqual(['2025-01-01T00:00:00.000Z', '2025-01-01T03:00:00.000Z']);
  });

  it('groups by model unless told otherwise', async () => {
    // Arrange
    const { store, service } = setup();
    // Act
    await service.summary({});
    // Assert
    expect(store.summary).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'model', tenant: undefined }),
    );
  });

  it("restricts a tenant's own summary to that tenant", async () => {
    // Arrange
    const { store, service } = setup();
    // Act
    await service.tenantSummary('team-a', { group_by: 'day' });
    // Assert
    expect(store.summary).toHaveBeenCalledWith(expect.objectContaining({ groupBy: 'day', tenant: 'team-a' }));
  });

  it('reads the first page before the export starts, so a store failure is an ordinary error', async () => {
    // Arrange
    const { store, service } = setup();
    store.requests.mockRejectedValueOnce(new Error('store down'));
    // Act
    const exported = service.exportCsv({ format: 'csv' });
    // Assert
    await expect(exported).rejects.toThrow('store down');
  });

  it('exports a header and one line per row', async () => {
    // Arrange
    const { store, service } = setup();
    const row = { id: 1, request_id: 'r-1' } as UsageRequestsPage['rows'][number];
    store.requests.mockResolvedValueOnce({ rows: [row], next_cursor: null });
    // Act
    const lines: string[] = [];
    for await (const line of await service.exportCsv({ format: 'csv' })) lines.push(line);
    // Assert
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith('1,r-1,')).toBe(true);
  });
});
