import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { TenantRateLimitGuard, TenantRateLimits } from './rate-limit/tenant-rate-limit.guard';

/**
 * Metrics (/metrics) and the per-tenant rate limit (TenantRateLimitGuard, used by the SCIM
 * resource controllers); request logging is installed by configureApp.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, TenantRateLimits, TenantRateLimitGuard],
  exports: [MetricsService, TenantRateLimits, TenantRateLimitGuard],
})
export class ObservabilityModule {}
