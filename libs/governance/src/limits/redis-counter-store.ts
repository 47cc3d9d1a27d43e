import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import {
  CounterStore,
  type CounterEntry,
  type RateLimiterSpec,
  type ReserveResult,
  type SeedEntry,
} from './counter-store';

/**
 * Check-and-add in one script, so concurrent gateway instances can never together pass a limit.
 * KEYS: the counters, then the reservation's marker. ARGV[1]: "1" to enforce; ARGV[2]: the marker's ttl
 * seconds; then per counter: amount, limit, ttl seconds. Returns { admitted (0|1), exceeded counter
 * indexes (1-based) }. A marker that exists already is a cancellation that overtook this reservation
 * (CANCEL_SCRIPT): nothing is added.
 */
const RESERVE_SCRIPT = `
local marker = KEYS[#KEYS]
if redis.call('EXISTS', marker) == 1 then return { 0, {} } end
local exceeded = {}
for i = 1, #KEYS - 1 do
  local current = tonumber(redis.call('GET', KEYS[i]) or '0')
  if current + tonumber(ARGV[i * 3]) > tonumber(ARGV[i * 3 + 1]) then exceeded[#exceeded + 1] = i end
end
if ARGV[1] == '1' and #exceeded > 0 then return { 0, exceeded } end
for i = 1, #KEYS - 1 do
  if redis.call('INCRBY', KEYS[i], ARGV[i * 3]) == tonumber(ARGV[i * 3]) then
    redis.call('EXPIRE', KEYS[i], ARGV[i * 3 + 2])
  end
end
redis.call('SET', marker, 'reserved', 'EX', ARGV[2])
return { 1, exceeded }
`;

/**
 * Undoes a reservation whose answer never came (a Redis that stalled past the command timeout runs the
 * reservation when it answers again). KEYS: the counters, then the marker; ARGV: the amounts, then the
 * marker's ttl. Takes the amounts back if the reservation ran, and leaves the marker as a tombstone, so a
 * reservation that runs after this (on a new connection) adds nothing.
 */
const CANCEL_SCRIPT = `
local marker = KEYS[#KEYS]
if redis.call('GET', marker) == 'reserved' then
  for i = 1, #KEYS - 1 do
    if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('DECRBY', KEYS[i], ARGV[i]) end
  end
end
redis.call('SET', marker, 'cancelled', 'EX', ARGV[#KEYS])
return 0
`;

/** How long a reservation's marker lives: well past a stall's command timeout and the cancellation behind it. */
const MARKER_TTL_SECONDS = 120;

/**
 * rate-limiter-flexible's own increment script (`customIncrTtlLuaScript`, its documented extension point)
 * with one rule added: a give-back (negative points) changes only the window it was meant for. Its upsert
 * would otherwise start the next window below zero when a give-back arrives after its window expired, or
 * lower the next window when another call had started it: that window would admit more than its limit.
 * A give-back carries the seconds its window had left as its duration (rate-limits.ts `giveBack`); a key
 * that is missing, or has more time left than that, is a later window. ARGV[1]: points, ARGV[2]: seconds.
 */
const RATE_INCREMENT_SCRIPT = `
if tonumber(ARGV[1]) < 0 then
  local left = redis.call('PTTL', KEYS[1])
  if left < 0 or left > tonumber(ARGV[2]) * 1000 then return { 0, 0 } end
end
redis.call('SET', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  ttl = 1000 * ARGV[2]
end
return { consumed, ttl }
`;

/** Adds deltas only to counters that still exist, so a late reconciliation never revives a window. */
const ADJUST_SCRIPT = `
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('INCRBY', key, ARGV[i]) end
end
return 0
`;

/**
 * CounterStore.seed: raises each counter to at least its amount, creating it with its ttl when absent
 * (keeping the ttl of one that exists). ARGV: per counter, amount and ttl seconds.
 */
const SEED_SCRIPT = `
for i, key in ipairs(KEYS) do
  local amount = tonumber(ARGV[i * 2 - 1])
  local current = redis.call('GET', key)
  if not current then
    redis.call('SET', key, amount, 'EX', ARGV[i * 2])
  elseif tonumber(current) < amount then
    redis.call('SET', key, amount, 'KEEPTTL')
  end
end
return 0
`;

type ScriptClient = Redis & {
  governanceSeed(...args: (string | number)[]): Promise<number>;
  governanceReserve(...args: (string | number)[]): Promise<[number, number[]]>;
  governanceCancel(...args: (string | number)[]): Promise<number>;
  governanceAdjust(...args: (string | number)[]): Promise<number>;
};

/**
 * Counters in Redis, shared by every gateway instance. Budget counters are integers changed by Lua
 * scripts (atomic); rate limits use rate-limiter-flexible's RateLimiterRedis (also atomic).
 * Callers put a `{hash tag}` in related keys so one script's keys share a Redis Cluster slot.
 */
export class RedisCounterStore extends CounterStore {
  private readonly client: ScriptClient;
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    client: Redis,
    private readonly keyPrefix = 'bgw:',
  ) {
    super();
    client.defineCommand('governanceReserve', { lua: RESERVE_SCRIPT });
    client.defineCommand('governanceCancel', { lua: CANCEL_SCRIPT });
    client.defineCommand('governanceAdjust', { lua: ADJUST_SCRIPT });
    client.defineCommand('governanceSeed', { lua: SEED_SCRIPT });
    this.client = client as ScriptClient;
  }

  /**
   * A reservation that fails (the command timed out, the connection dropped) may still run once Redis
   * answers: it is cancelled then, so a request that was refused with a 500 never spends budget.
   */
  async reserve(entries: readonly CounterEntry[], enforce: boolean): Promise<ReserveResult> {
    if (entries.length === 0) return { admitted: true, exceeded: [] };
    const args = entries.flatMap((entry) => [entry.amount, entry.limit, entry.ttlSeconds]);
    const keys = [...entries.map((entry) => this.keyPrefix + entry.key), this.markerKey(entries)];
    try {
      const [admitted, exceeded] = await this.client.governanceReserve(
        keys.length,
        ...keys,
        enforce ? '1' : '0',
        MARKER_TTL_SECONDS,
        ...args,
      );
      return { admitted: admitted === 1, exceeded: exceeded.map((position) => position - 1) };
    } catch (error) {
      const amounts = entries.map((entry) => entry.amount);
      // Queued behind the reservation on the same connection, or a tombstone for it on a new one.
      this.client
        .governanceCancel(keys.length, ...keys, ...amounts, MARKER_TTL_SECONDS)
        .catch(() => undefined);
      throw error;
    }
  }

  /** A key of its own per reservation, in the counters' Redis Cluster slot (their `{hash tag}`). */
  private markerKey(entries: readonly CounterEntry[]): string {
    const tag = /\{[^}]+\}/.exec(entries[0]!.key)?.[0] ?? '';
    return `${this.keyPrefix}reservation:${tag}:${randomUUID()}`;
  }

  async adjust(adjustments: readonly { key: string; delta: number }[]): Promise<void> {
    const changed = adjustments.filter((adjustment) => adjustment.delta !== 0);
    if (changed.length === 0) return;
    const keys = changed.map((adjustment) => this.keyPrefix + adjustment.key);
    await this.client.governanceAdjust(
      keys.length,
      ...keys,
      ...changed.map((adjustment) => adjustment.delta),
    );
  }

  /** One script: the caller's entries share a tenant's hash tag, so a Redis Cluster slot. */
  async seed(entries: readonly SeedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const keys = entries.map((entry) => this.keyPrefix + entry.key);
    const args = entries.flatMap((entry) => [entry.amount, entry.ttlSeconds]);
    await this.client.governanceSeed(keys.length, ...keys, ...args);
  }

  async read(key: string): Promise<number> {
    return Number((await this.client.get(this.keyPrefix + key)) ?? 0);
  }

  rateLimiter(spec: RateLimiterSpec): RateLimiterAbstract {
    const name = `${spec.name}:${spec.points}:${spec.durationSeconds}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.client,
        keyPrefix: `${this.keyPrefix}rate:${spec.name}`,
        points: spec.points,
        duration: spec.durationSeconds,
        customIncrTtlLuaScript: RATE_INCREMENT_SCRIPT,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  readonly backend = 'redis' as const;

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    this.limiters.clear();
    if (this.client.status !== 'end') await this.client.quit().catch(() => this.client.disconnect());
  }
}
