import { ConfigError, loadConfig } from '../config/app-config';
import { OPS_DEFAULTS, resolveOpsSettings } from './ops-settings';

const load = (env: Record<string, string>) => resolveOpsSettings(loadConfig(env));

describe('operations settings (issue 6 environment variables)', () => {
  it('defaults to the reliability-plan baseline', () => {
    expect(load({})).toEqual({
      ...OPS_DEFAULTS, httpConnectionsCheckingIntervalMs: 3_750, rateLimitBurst: 200,
      redisUrl: undefined, metricsToken: undefined, testSlowRequestMs: 0,
    });
    expect(loadConfig({}).migrateOnly).toBe(false);
  });

  it('hand-built configs (the in-process e2e harness) get the same defaults, but no rate limit', () => {
    expect(resolveOpsSettings({})).toEqual({ ...load({}), rateLimitPerTenantRps: 0, rateLimitBurst: 1 });
  });

  it('reads every variable', () => {
    expect(load({
      SHUTDOWN_DRAIN_MS: '100', SHUTDOWN_GRACE_MS: '2000', HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000',
      RATE_LIMIT_PER_TENANT_RPS: '0', RATE_LIMIT_BURST: '7', REDIS_URL: 'redis://127.0.0.1:6379', TEST_SLOW_REQUEST_MS: '50',
      METRICS_TOKEN: 'mt_0f4c1e9a7b3d5f2e8c6a4b1d9e7f3a5c',
    })).toEqual({
      shutdownDrainMs: 100, shutdownGraceMs: 2000, httpHeadersTimeoutMs: 1000, httpRequestTimeoutMs: 2000, httpConnectionsCheckingIntervalMs: 250,
      rateLimitPerTenantRps: 0, rateLimitBurst: 7, redisUrl: 'redis://127.0.0.1:6379', testSlowRequestMs: 50, metricsToken: 'mt_0f4c1e9a7b3d5f2e8c6a4b1d9e7f3a5c',
    });
    expect(loadConfig({ MIGRATE_ONLY: '1' }).migrateOnly).toBe(true);
  });

  it.each([
    [{ HTTP_HEADERS_TIMEOUT_MS: '40000' }, /HTTP_HEADERS_TIMEOUT_MS must not exceed/],
    [{ SHUTDOWN_DRAIN_MS: '30000' }, /SHUTDOWN_DRAIN_MS must be shorter/],
    [{ RATE_LIMIT_PER_TENANT_RPS: '-1' }, /RATE_LIMIT_PER_TENANT_RPS/],
    [{ REDIS_URL: 'http://redis' }, /REDIS_URL/],
    [{ METRICS_TOKEN: 'secret' }, /METRICS_TOKEN must be at least 32/],
    [{ TEST_SLOW_REQUEST_MS: '100', NODE_ENV: 'production' }, /tests only/],
    [{ MIGRATE_ONLY: 'yes' }, /MIGRATE_ONLY/],
  ])('refuses %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
