import { InMemoryTokenBuckets, retryAfterFor } from './token-bucket';

describe('InMemoryTokenBuckets', () => {
  let now = 0;
  const sut = () => new InMemoryTokenBuckets(10, 20, () => now);

  beforeEach(() => (now = 0));

  it('allows a full burst, then refuses with a whole-second Retry-After', async () => {
    const buckets = sut();
    for (let i = 0; i < 20; i++) expect((await buckets.take('t1')).allowed).toBe(true);
    expect(await buckets.take('t1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate and never above the burst', async () => {
    const buckets = sut();
    for (let i = 0; i < 20; i++) await buckets.take('t1');
    now += 500; // 5 tokens
    const allowed = [];
    for (let i = 0; i < 8; i++) allowed.push((await buckets.take('t1')).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(5);
    now += 3_600_000;
    let n = 0;
    while ((await buckets.take('t1')).allowed) n++;
    expect(n).toBe(20);
  });

  it('keeps tenants apart', async () => {
    const buckets = sut();
    for (let i = 0; i < 21; i++) await buckets.take('noisy');
    expect((await buckets.take('noisy')).allowed).toBe(false);
    expect((await buckets.take('quiet')).allowed).toBe(true);
  });

  it.each([[0.5, 10, 1], [0, 10, 1], [-5, 1, 6], [0.9, 0.05, 2]])('retryAfterFor(%p tokens, %p/s) = %p s', (tokens, rate, secs) => {
    expect(retryAfterFor(tokens, rate)).toBe(secs);
  });
});
