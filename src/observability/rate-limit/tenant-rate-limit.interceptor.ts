import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TooManyRequestsError } from '@app/scim-core';
import { from, Observable, switchMap } from 'rxjs';
import type { Principal } from '../../auth/principal';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics.service';
import { resolveOpsSettings } from '../ops-settings';
import { RedisTokenBuckets } from './redis-token-bucket';
import { InMemoryTokenBuckets, TenantRateLimiter } from './token-bucket';

interface LimitedRequest {
  url: string;
  user?: Principal;
}

/**
 * Per-tenant rate limit (DESIGN.md §7), a safety valve far above Entra's 25 requests/second: past
 * it, 429 + Retry-After (whole seconds) + a SCIM Error body. A global interceptor, so it runs after
 * the controllers' ScimAuthGuard and keys on the authenticated tenant, never on anything the
 * client claims. Requests without a principal (probes, /metrics, discovery, failed
 * authentication, which the auth limiter handles) pass untouched.
 */
@Injectable()
export class TenantRateLimitInterceptor implements NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly limiter?: TenantRateLimiter;
  private readonly redis?: RedisTokenBuckets;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
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

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<LimitedRequest>();
    const tenantId = req.user?.tenantId;
    if (!this.limiter || !tenantId || !req.url.startsWith('/scim/')) return next.handle();
    return from(this.limiter.take(tenantId)).pipe(switchMap((d) => {
      if (d.allowed) return next.handle();
      this.metrics.rateLimited.inc({ tenant: tenantId });
      throw new TooManyRequestsError(d.retryAfterSeconds, 'Too many requests for this tenant; retry after the Retry-After delay');
    }));
  }
}
