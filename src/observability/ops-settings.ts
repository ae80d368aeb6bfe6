import type { AppConfig } from '../config/app-config';

/** Operational settings with defaults applied (docs/operations.md lists the variables). */
export interface OpsSettings {
  shutdownDrainMs: number;
  shutdownGraceMs: number;
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  /** How often Node checks connections against the two deadlines above. */
  httpConnectionsCheckingIntervalMs: number;
  rateLimitPerTenantRps: number;
  rateLimitBurst: number;
  redisUrl?: string;
  metricsToken?: string;
  testSlowRequestMs: number;
}

/** reliability-plan.md §6: headers 15 s, request 30 s, drain 5 s within a 25 s grace, 100 req/s per tenant. */
export const OPS_DEFAULTS = {
  shutdownDrainMs: 5_000,
  shutdownGraceMs: 25_000,
  httpHeadersTimeoutMs: 15_000,
  httpRequestTimeoutMs: 30_000,
  rateLimitPerTenantRps: 100,
} as const;

type OpsConfig = Pick<AppConfig, 'shutdownDrainMs' | 'shutdownGraceMs' | 'httpHeadersTimeoutMs' | 'httpRequestTimeoutMs'
  | 'rateLimitPerTenantRps' | 'rateLimitBurst' | 'redisUrl' | 'metricsToken' | 'testSlowRequestMs'>;

export function resolveOpsSettings(c: Partial<OpsConfig> = {}): OpsSettings {
  const httpHeadersTimeoutMs = c.httpHeadersTimeoutMs ?? OPS_DEFAULTS.httpHeadersTimeoutMs;
  // loadConfig always sets the rate (default 100). A config built by hand, i.e. the in-process e2e
  // harness, runs without the limiter so fuzz and concurrency campaigns measure SCIM behaviour,
  // not throttling; the limiter itself is proven by test/system/rate-limit.system.spec.ts.
  const rateLimitPerTenantRps = c.rateLimitPerTenantRps ?? 0;
  return {
    shutdownDrainMs: c.shutdownDrainMs ?? OPS_DEFAULTS.shutdownDrainMs,
    shutdownGraceMs: c.shutdownGraceMs ?? OPS_DEFAULTS.shutdownGraceMs,
    httpHeadersTimeoutMs,
    httpRequestTimeoutMs: c.httpRequestTimeoutMs ?? OPS_DEFAULTS.httpRequestTimeoutMs,
    // Node checks every 30 s by default, which would let a slow client overstay a 15 s deadline by
    // twice as long; 5 s (plan §6), or finer when the deadlines are shorter (tests).
    httpConnectionsCheckingIntervalMs: Math.max(50, Math.min(5_000, Math.floor(httpHeadersTimeoutMs / 4))),
    rateLimitPerTenantRps,
    rateLimitBurst: c.rateLimitBurst ?? Math.max(1, rateLimitPerTenantRps * 2),
    redisUrl: c.redisUrl,
    metricsToken: c.metricsToken,
    testSlowRequestMs: c.testSlowRequestMs ?? 0,
  };
}
