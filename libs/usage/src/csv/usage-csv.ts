import type { UsageRow } from '../store/usage-query.types';

/** Columns of `/usage/export?format=csv`, in order: the `/usage/requests` row fields. */
export const USAGE_CSV_COLUMNS: readonly (keyof UsageRow)[] = [
  'id',
  'request_id',
  'timestamp',
  'tenant',
  'key_id',
  'route',
  'model_alias',
  'model_id',
  'family',
  'region',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'latency_ms',
  'bedrock_latency_ms',
  'gateway_overhead_ms',
  'status',
  'error_code',
  'http_status',
  'streamed',
  'rag_used',
  'knowledge_base_id',
  'contexts_used',
  'retries',
  'failover_region',
  'bedrock_request_id',
  'metadata',
];

const NEEDS_QUOTES = /[",\r\n]/;
/** Text a spreadsheet would run as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: null is empty, metadata is JSON, text holding `"` `,` CR or LF is quoted with
 * `"` doubled. Text starting like a formula gets a leading `'` so spreadsheets show it as text;
 * numbers and booleans are never altered.
 */
export function csvField(value: UsageRow[keyof UsageRow]): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: readonly UsageRow[keyof UsageRow][]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * The header, then one line per row, produced lazily: pipe it with `Readable.from(toCsv(rows))` and
 * feed it an async iterable (e.g. `iterateRequests`) to export any range in constant memory.
 */
export async function* toCsv(rows: Iterable<UsageRow> | AsyncIterable<UsageRow>): AsyncGenerator<string> {
  yield csvLine(USAGE_CSV_COLUMNS);
  for await (const row of rows) yield csvLine(USAGE_CSV_COLUMNS.map((column) => row[column]));
}
