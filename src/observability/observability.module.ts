import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { TenantRateLimitInterceptor } from './rate-limit/tenant-rate-limit.interceptor';

/** Metrics (/metrics) and the per-tenant rate limit; request logging is installed by configureApp. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, { provide: APP_INTERCEPTOR, useClass: TenantRateLimitInterceptor }],
  exports: [MetricsService],
})
export class ObservabilityModule {}
