import { randomUUID } from 'node:crypto';
import { RedisTokenBuckets } from './redis-token-bucket';

// Integration: the Redis of this machine kind (127.0.0.1:6379; CI runs on the same machine).
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

async function ready(b: RedisTokenBuckets, events: boolean[]): Promise<void> {
  await b.connect();
  for (let i = 0; i < 100 && !events.includes(true); i++) {
    await b.take(`warm-${randomUUID()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!events.includes(true)) throw new Error(`Redis at ${REDIS_URL} is not reachable; start it (see .ci/run)`);
}

describe('RedisTokenBuckets', () => {
  const open: RedisTokenBuckets[] = [];
  afterAll(async () => Promise.all(open.map((b) => b.close())));

  function make(url: string, rate: number, burst: number) {
    const events: boolean[] = [];
    const b = new RedisTokenBuckets(url, rate, burst, { onAvailability: (up) => events.push(up) });
    open.push(b);
    return { b, events };
  }

  it('two instances (replicas) draw from one bucket per tenant, atomically', async () => {
    const one = make(REDIS_URL, 1, 10);
    const two = make(REDIS_URL, 1, 10);
    await Promise.all([ready(one.b, one.events), ready(two.b, two.events)]);
    const tenant = randomUUID();
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? one.b : two.b).take(tenant)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    for (const d of decisions.filter((x) => !x.allowed)) expect(Number.isInteger(d.retryAfterSeconds) && d.retryAfterSeconds >= 1).toBe(true);
    expect((await one.b.take(randomUUID())).allowed).toBe(true);
  });

  it('fails open to its own in-memory buckets when Redis cannot be reached, reporting it once', async () => {
    const dead = make('redis://127.0.0.1:1', 1, 3);
    await dead.b.connect(200);
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await dead.b.take('t'));
    await new Promise((r) => setTimeout(r, 600));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(dead.events).toEqual([false]);
  });
});
