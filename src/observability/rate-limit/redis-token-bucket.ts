import Redis from 'ioredis';
import { InMemoryTokenBuckets, RateDecision, retryAfterFor, TenantRateLimiter } from './token-bucket';

/**
 * The same token bucket as InMemoryTokenBuckets, kept in Redis so every replica draws from one
 * bucket per tenant. One Lua script reads, refills, takes and writes atomically; it uses the
 * Redis server's clock, so replicas with skewed clocks agree. Returns {allowed, tokens left × 1000}.
 */
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return { allowed, math.floor(tokens * 1000) }
`;

type TakeCommand = (key: string, rate: number, burst: number) => Promise<[number, number]>;

export interface SharedStoreEvents {
  /** Called with false once when Redis becomes unusable and true once when it works again. */
  onAvailability(up: boolean, err?: Error): void;
}

/**
 * Fails open: while Redis is unreachable, slow or erroring, each replica limits with its own
 * in-memory buckets (so a Redis outage never becomes a SCIM outage), and the change is reported
 * once per transition rather than once per request.
 */
export class RedisTokenBuckets implements TenantRateLimiter {
  private readonly redis: Redis;
  private readonly fallback: InMemoryTokenBuckets;
  private up: boolean | undefined;

  constructor(
    url: string,
    private readonly rate: number,
    private readonly burst: number,
    private readonly events: SharedStoreEvents,
  ) {
    this.fallback = new InMemoryTokenBuckets(rate, burst);
    this.redis = new Redis(url, {
      lazyConnect: true,
      // Never queue behind a dead connection or wait long: a request must not hang on the limiter.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      commandTimeout: 250,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
      disconnectTimeout: 300,
    });
    // Without a listener ioredis' 'error' events would be unhandled; the next take() reports.
    this.redis.on('error', (err: Error) => this.mark(false, err));
    this.redis.defineCommand('scimbridgeTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  /**
   * Starts connecting and waits up to `waitMs` for it, so the first requests already share the
   * bucket; an unreachable Redis only delays start-up by that much (then it keeps retrying).
   */
  async connect(waitMs = 1_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const connected = this.redis.connect().catch((err: Error) => this.mark(false, err));
    await Promise.race([connected, new Promise((r) => { timer = setTimeout(r, waitMs); })]);
    clearTimeout(timer);
  }

  async take(tenantId: string): Promise<RateDecision> {
    if (this.redis.status !== 'ready') return this.fallback.takeSync(tenantId);
    try {
      const take = (this.redis as unknown as { scimbridgeTake: TakeCommand }).scimbridgeTake.bind(this.redis);
      const [allowed, milliTokens] = await take(`scimbridge:ratelimit:${tenantId}`, this.rate, this.burst);
      this.mark(true);
      return allowed === 1 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: retryAfterFor(milliTokens / 1000, this.rate) };
    } catch (err) {
      this.mark(false, err as Error);
      return this.fallback.takeSync(tenantId);
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private mark(up: boolean, err?: Error): void {
    if (this.up === up) return;
    this.up = up;
    this.events.onAvailability(up, err);
  }
}
