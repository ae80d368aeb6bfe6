import { CanActivate, ExecutionContext, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TooManyRequestsError } from '@app/scim-core';
import type { Principal } from '../../auth/principal';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics.service';
import { resolveOpsSettings } from '../ops-settings';
import { RedisTokenBuckets } from './redis-token-bucket';
import { InMemoryTokenBuckets, TenantRateLimiter } from './token-bucket';

/**
 * The process' per-tenant token buckets (one singleton, exported by the global
 * ObservabilityModule): in memory, or shared across replicas through Redis when REDIS_URL is set.
 * Absent when RATE_LIMIT_PER_TENANT_RPS=0.
 */
@Injectable()
export class TenantRateLimits implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  readonly limiter?: TenantRateLimiter;
  private readonly redis?: RedisTokenBuckets;

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: MetricsService) {
    const s = resolveOpsSettings(config);
    if (s.rateLimitPerTenantRps <= 0) return;
    if (s.redisUrl) {
      metrics.enableSharedStoreGauge();
      this.redis = new RedisTokenBuckets(s.redisUrl, s.rateLimitPerTenantRps, s.rateLimitBurst, {
        onAvailability: (up, err) => {
          metrics.rateLimitSharedStoreUp.set(up ? 1 : 0);
          if (up) this.logger.log('Redis rate-limit store in use; the per-tenant limit is shared across replicas');
          else this.logger.warn(`Redis rate-limit store unavailable (${err?.message ?? 'not connected'}); failing open to the in-memory limiter`);
        },
      });
      this.limiter = this.redis;
    } else {
      this.limiter = new InMemoryTokenBuckets(s.rateLimitPerTenantRps, s.rateLimitBurst);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.redis?.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}

/**
 * Per-tenant rate limit (DESIGN.md §7), a safety valve far above Entra's 25 requests/second: past
 * it, 429 + Retry-After (whole seconds) + a SCIM Error body. A guard listed after ScimAuthGuard on
 * the SCIM resource controllers (`@UseGuards(ScimAuthGuard, TenantRateLimitGuard)`), so it keys on
 * the authenticated tenant, never on anything the client claims; failed authentications never
 * reach it (the auth limiter handles those). A guard rather than a global interceptor: a request
 * then pays for no interceptor chain at all (docs/BENCHMARKS.md, "Reads").
 */
@Injectable()
export class TenantRateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: TenantRateLimits,
    private readonly metrics: MetricsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limiter = this.limits.limiter;
    const tenantId = context.switchToHttp().getRequest<{ user?: Principal }>().user?.tenantId;
    if (!limiter || !tenantId) return true;
    const d = await limiter.take(tenantId);
    if (d.allowed) return true;
    this.metrics.rateLimited.inc({ tenant: tenantId });
    throw new TooManyRequestsError(d.retryAfterSeconds, 'Too many requests for this tenant; retry after the Retry-After delay');
  }
}
