import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';

export interface FailureVerdict {
  /** True once the address has used up its failures for the current window. */
  limited: boolean;
  /** Seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts failed authentications per client address (reliability-plan.md §5.5 A3). Only failures
 * are counted and a valid credential is never refused: Entra's egress addresses are shared, so
 * throttling successes would let one noisy caller cut off everyone's provisioning. Async so that
 * a shared store (Redis) can implement it for several replicas.
 */
export interface AuthFailureLimiter {
  recordFailure(address: string): Promise<FailureVerdict>;
}

export const AUTH_FAILURE_LIMITER = Symbol('AUTH_FAILURE_LIMITER');

/** Above this many tracked addresses, expired windows are swept before adding another. */
const SWEEP_THRESHOLD = 10_000;
/** Hard cap on tracked addresses, so a flood of spoofed sources cannot exhaust memory. */
const MAX_TRACKED = 100_000;

/** A fixed window per address, in process memory (one replica; see docs/auth.md for several). */
@Injectable()
export class InMemoryAuthFailureLimiter implements AuthFailureLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async recordFailure(address: string): Promise<FailureVerdict> {
    const now = this.clock.now().getTime();
    const { failureLimit, failureWindowMs } = this.settings;
    let w = this.windows.get(address);
    if (!w || now - w.start >= failureWindowMs) {
      if (!w) this.makeRoom(now);
      w = { start: now, count: 0 };
      this.windows.set(address, w);
    }
    w.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((w.start + failureWindowMs - now) / 1000));
    return { limited: w.count > failureLimit, retryAfterSeconds };
  }

  private makeRoom(now: number): void {
    if (this.windows.size < SWEEP_THRESHOLD) return;
    for (const [k, w] of this.windows) if (now - w.start >= this.settings.failureWindowMs) this.windows.delete(k);
    // Still full of live windows: forget the oldest rather than grow without bound.
    while (this.windows.size >= MAX_TRACKED) this.windows.delete(this.windows.keys().next().value as string);
  }
}
