import type { LoadRow, TargetCheck, UpstreamRun } from './results';
import type { TargetName } from './workloads';

/** Issue 8's targets. They are checked in the benchmark and reported, never asserted by a timed test. */
export const TARGETS = {
  addedP50AtC1Ms: 1,
  addedP99AtC16Ms: 5,
  throughputVsPortkeyAtC16: 2,
  addedFirstTokenMs: 2,
  peakRssMb: 250,
};

/** One target's figure for a server of the run (`undefined` when that row was not measured). */
type Metric = (server: TargetName) => number | undefined;

/**
 * Checks the gateway against each target, and reports the same figure for the two reference proxies
 * beside it: what the floor of any gateway that calls Bedrock through SDK v3 reaches on the same run, on
 * node:http and on Nest with Fastify.
 */
export function checkTargets(run: UpstreamRun, low: number, high: number): TargetCheck[] {
  const at = (target: TargetName, connections: number): LoadRow | undefined =>
    run.load.find((row) => row.target === target && row.connections === connections);
  const portkeyRps = at('portkey', high)?.result.rps;
  const metrics: {
    target: string;
    limit: string;
    unit: string;
    metric: Metric;
    pass: (v: number) => boolean;
  }[] = [
    {
      target: `added p50, c=${low}`,
      limit: `≤ ${TARGETS.addedP50AtC1Ms} ms`,
      unit: 'ms',
      metric: (server) => at(server, low)?.added_ms?.p50,
      pass: (v) => v <= TARGETS.addedP50AtC1Ms,
    },
    {
      target: `added p99, c=${high}`,
      limit: `≤ ${TARGETS.addedP99AtC16Ms} ms`,
      unit: 'ms',
      metric: (server) => at(server, high)?.added_ms?.p99,
      pass: (v) => v <= TARGETS.addedP99AtC16Ms,
    },
    {
      target: `throughput vs Portkey, c=${high}`,
      limit: `≥ ${TARGETS.throughputVsPortkeyAtC16}×`,
      unit: '×',
      metric: (server) => {
        const rps = at(server, high)?.result.rps;
        return rps === undefined || !portkeyRps ? undefined : rps / portkeyRps;
      },
      pass: (v) => v >= TARGETS.throughputVsPortkeyAtC16,
    },
    {
      target: 'added time to first token (p50)',
      limit: `≤ ${TARGETS.addedFirstTokenMs} ms`,
      unit: 'ms',
      metric: (server) => run.first_token.find((row) => row.target === server)?.added_ms?.p50,
      pass: (v) => v <= TARGETS.addedFirstTokenMs,
    },
    {
      target: 'gateway peak RSS under load',
      limit: `≤ ${TARGETS.peakRssMb} MB`,
      unit: 'MB',
      // Not compared: the proxy runs from source under @swc-node/register, so the compiler is in its RSS.
      metric: (server) => {
        if (server !== 'gateway') return undefined;
        const rss = run.load.filter((row) => row.target === server && row.peak_rss_mb !== null);
        return rss.length === 0 ? undefined : Math.max(...rss.map((row) => row.peak_rss_mb ?? 0));
      },
      pass: (v) => v <= TARGETS.peakRssMb,
    },
  ];
  const format = (value: number | undefined, unit: string): string | null =>
    value === undefined || Number.isNaN(value) ? null : `${value.toFixed(2)} ${unit}`;
  return metrics.flatMap(({ target, limit, unit, metric, pass }) => {
    const value = metric('gateway');
    const measured = format(value, unit);
    if (value === undefined || measured === null) return [];
    return [
      {
        upstream_latency_ms: run.upstream_latency_ms,
        target,
        limit,
        measured,
        pass: pass(value),
        sdk_proxy: format(metric('sdk-proxy'), unit),
        nest_proxy: format(metric('nest-proxy'), unit),
      },
    ];
  });
}
