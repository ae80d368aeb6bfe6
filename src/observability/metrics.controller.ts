import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UnauthorizedError } from '@app/scim-core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';
import { resolveOpsSettings } from './ops-settings';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus scrape endpoint. Open by default (keep it on the cluster network: a NetworkPolicy or
 * a port the ingress does not route); with METRICS_TOKEN set it needs that bearer token.
 * Compared as SHA-256 digests so the comparison is constant-time whatever the input length.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly expected?: Buffer;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const token = resolveOpsSettings(config).metricsToken;
    this.expected = token ? digest(token) : undefined;
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (this.expected) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!m || !timingSafeEqual(digest(m[1]), this.expected)) throw new UnauthorizedError();
    }
    const body = await this.metrics.registry.metrics();
    void reply.status(200).header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  }
}
