import type { BenchResults, FirstTokenRow, LoadRow } from './results';

const LABELS: Record<string, string> = {
  direct: 'direct (emulator, the floor)',
  gateway: 'this gateway',
  portkey: 'Portkey gateway',
  'sdk-proxy': 'bare SDK proxy (reference)',
  'nest-proxy': 'bare Nest proxy (reference)',
};

const ms = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(2);
const signed = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

function loadLine(row: LoadRow): string {
  const { result, added_ms: plus } = row;
  const failures = result.non_2xx + result.errors;
  return [
    LABELS[row.target] ?? row.target,
    String(row.connections),
    ms(result.latency_ms.p50),
    ms(result.latency_ms.p95),
    ms(result.latency_ms.p99),
    plus ? `${signed(plus.p50)} / ${signed(plus.p95)} / ${signed(plus.p99)}` : '–',
    result.rps.toFixed(0),
    row.cpu_ms_per_request === null ? '–' : row.cpu_ms_per_request.toFixed(2),
    row.peak_rss_mb === null ? '–' : row.peak_rss_mb.toFixed(0),
    result.own_overhead_ms ? `${ms(result.own_overhead_ms.p50)} / ${ms(result.own_overhead_ms.p99)}` : '–',
    failures === 0 ? '0' : `**${failures}**`,
  ].join(' | ');
}

function firstTokenLine(row: FirstTokenRow): string {
  const plus = row.added_ms;
  return [
    LABELS[row.target] ?? row.target,
    String(row.requests),
    ms(row.ttft_ms.p50),
    ms(row.ttft_ms.p95),
    plus ? `${signed(plus.p50)} / ${signed(plus.p95)}` : '–',
  ].join(' | ');
}

/** bench/results/latest.md: the machine and date, then per upstream latency the load and TTFT tables. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, settings, governance } = results;
  const lines = [
    `Last \`npm run bench\` (bench/results/latest.json; findings in docs/decisions.md). ` +
      `Measured ${results.generated_at.slice(0, 16).replace('T', ' ')} UTC on ${machine.nproc} × ${machine.cpu_model}, ` +
      `${machine.memory_gib} GiB RAM, Node ${machine.node}, Linux ${machine.kernel}; load client, emulator and ` +
      'gateways on the same machine (shared cores: compare rows of one run, not runs).',
    '',
    `Gateway from ${results.gateway_runtime}; auth ${governance.auth_enforced ? 'on' : '**off**'} ` +
      `(Bearer key), PII \`redact\` ${governance.pii_redacted ? 'on' : '**off**'}, SQLite ledger. ` +
      (settings.warmup_requests
        ? `Every server first served ${settings.warmup_requests} chats unmeasured (its JIT settled), and ${settings.warmup_streams ?? 0} streams before the first timed stream. `
        : '') +
      `autocannon, ${settings.duration_s} s per row in ${settings.rounds ?? 1} rounds that take the targets in turn, each slice after a ${settings.warmup_s} s warm-up; ` +
      `\`${settings.model}\`, max_tokens ${settings.max_tokens}. Latencies in ms; CPU ms/req is the serving process's CPU time per request (the emulator's for direct); ` +
      "RSS is the gateway process's peak (VmHWM) in MB. Own overhead is the gateway's `x-gateway-overhead-ms` " +
      '(API.md: its time from the request arriving to the answer, the wait on Bedrock excluded) over the same answers: ' +
      "it does not see the time a request waits to be read, nor the caller's and the SDK's network hops, which the added latency includes.",
  ];
  for (const run of results.runs) {
    lines.push(
      '',
      `### Upstream latency ${run.upstream_latency_ms} ms`,
      '',
      '| target | conc. | p50 | p95 | p99 | added p50 / p95 / p99 | req/s | CPU ms/req | peak RSS | own overhead p50 / p99 | failed |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...run.load.map((row) => `| ${loadLine(row)} |`),
    );
    if (run.first_token.length > 0) {
      lines.push(
        '',
        `Streaming, time to first token (${settings.first_token_requests} sequential streams):`,
        '',
        '| target | streams | p50 | p95 | added p50 / p95 |',
        '|---|---:|---:|---:|---:|',
        ...run.first_token.map((row) => `| ${firstTokenLine(row)} |`),
      );
    }
  }
  lines.push(
    '',
    '### Targets',
    '',
    'Checked on this gateway; the last two columns are the same figure for the reference proxies (not',
    'checked): the bare SDK proxy, the floor of any gateway that calls Bedrock through SDK v3, and the bare',
    "Nest proxy, the same chat on Nest with Fastify (the floor of a gateway built on the design's stack).",
    '',
    '| upstream | target | limit | this gateway | | bare SDK proxy | bare Nest proxy |',
    '|---:|---|---|---:|---|---:|---:|',
  );
  for (const check of results.targets) {
    lines.push(
      `| ${check.upstream_latency_ms} ms | ${check.target} | ${check.limit} | ${check.measured} | ${check.pass ? 'met' : '**missed**'} | ${check.sdk_proxy ?? '–'} | ${check.nest_proxy ?? '–'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
