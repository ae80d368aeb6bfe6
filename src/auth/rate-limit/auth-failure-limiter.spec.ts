import { Clock } from '../../common/clock';
import { AuthSettings } from '../auth-settings';
import { InMemoryAuthFailureLimiter } from './auth-failure-limiter';

// reliability-plan.md §5.5 A3: 20 failures / 60 s per address, then 429 with Retry-After ≤ 60.
describe('InMemoryAuthFailureLimiter', () => {
  const setup = () => {
    const clock = new Clock();
    const sut = new InMemoryAuthFailureLimiter(clock, { failureLimit: 20, failureWindowMs: 60_000 } as AuthSettings);
    return { clock, sut };
  };

  it('allows 20 failures per window, limits the 21st with a Retry-After until the window ends', async () => {
    const { clock, sut } = setup();
    for (let i = 0; i < 20; i++) expect((await sut.recordFailure('10.0.0.1')).limited).toBe(false);
    clock.advance(15_000);
    expect(await sut.recordFailure('10.0.0.1')).toEqual({ limited: true, retryAfterSeconds: 45 });
    clock.advance(45_000);
    expect((await sut.recordFailure('10.0.0.1')).limited).toBe(false);
  });

  it('counts each address separately', async () => {
    const { sut } = setup();
    for (let i = 0; i < 25; i++) await sut.recordFailure('10.0.0.1');
    expect((await sut.recordFailure('10.0.0.2')).limited).toBe(false);
  });

  it('stays bounded under a flood of distinct addresses', async () => {
    const { clock, sut } = setup();
    for (let i = 0; i < 12_000; i++) await sut.recordFailure(`a${i}`);
    clock.advance(61_000);
    await sut.recordFailure('late');
    expect((sut as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
