import { Readable } from 'node:stream';
import type { UsageRow } from '../store/usage-query.types';
import { csvField, toCsv, USAGE_CSV_COLUMNS } from './usage-csv';

const row = (overrides: Partial<UsageRow>): UsageRow => ({
  id: 1,
  request_id: 'r-1',
  timestamp: '2025-01-10T12:00:00.000Z',
  tenant: 'team-a',
  key_id: null,
  route: '/bedrock/chat',
  model_alias: 'claude-3-haiku',
  model_id: 'anthropic.claude-3-haiku-20240307-v1:0',
  family: 'anthropic',
  region: 'us-east-1',
  input_tokens: 10,
  output_tokens: 20,
  cost_usd: null,
  latency_ms: 12.5,
  bedrock_latency_ms: null,
  gateway_overhead_ms: 1,
  status: 'success',
  error_code: null,
  http_status: 200,
  streamed: false,
  rag_used: null,
  knowledge_base_id: null,
  contexts_used: null,
  retries: 0,
  failover_region: null,
  bedrock_request_id: null,
  metadata: null,
  ...overrides,
});

describe('usage CSV', () => {
  it.each<[UsageRow[keyof UsageRow], string]>([
    [null, ''],
    [0, '0'],
    [-1.5, '-1.5'],
    [true, 'true'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-2+3', "'-2+3"],
    [{ team: 'a,b' }, '"{""team"":""a,b""}"'],
  ])('encodes %p as %p', (value, expected) => {
    // Act / Assert
    expect(csvField(value)).toBe(expected);
  });

  it('streams a header and one CRLF-terminated line per row', async () => {
    // Arrange
    const rows = [row({ id: 2, request_id: 'b' }), row({ id: 1, request_id: 'a', cost_usd: 0.25 })];
    // Act
    const chunks: string[] = [];
    for await (const chunk of Readable.from(toCsv(rows))) chunks.push(chunk as string);
    // Assert
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toBe(`${USAGE_CSV_COLUMNS.join(',')}\r\n`);
    expect(chunks[2]).toBe(
      '1,a,2025-01-10T12:00:00.000Z,team-a,,/bedrock/chat,claude-3-haiku,anthropic.claude-3-haiku-20240307-v1:0,' +
        'anthropic,us-east-1,10,20,0.25,12.5,,1,success,,200,false,,,,0,,,\r\n',
    );
  });
});
