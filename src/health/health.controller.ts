import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { HealthProbeFilter } from './health-probe.filter';
import { LifecycleService } from './lifecycle.service';

/**
 * Kubernetes probes (docs/operations.md "Probes"). No token; bodies say up/down per check with
 * fixed reasons, nothing internal. Never rate limited (the limiter keys on a principal, and probes
 * have none).
 */
@ApiTags('Health')
@UseFilters(HealthProbeFilter)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: DatabaseHealthIndicator,
    private readonly lifecycle: LifecycleService,
  ) {}

  /** The event loop answers. Deliberately independent of the database and of shutdown: a database
   * outage must not become a restart storm, and a draining pod must not be killed early. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP. Never touches the database.' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: not shutting down, database reachable (1 s ping), migrations current.' })
  @HealthCheck()
  ready() {
    // Once draining, no ping: the answer is 503 either way and it must come at once.
    const checks: HealthIndicatorFunction[] = [() => this.lifecycleCheck()];
    if (!this.lifecycle.shuttingDown) checks.push(() => this.db.check());
    return this.health.check(checks);
  }

  @Get('startup')
  @ApiOperation({ summary: 'Startup: migrations applied and the service finished booting.' })
  @HealthCheck()
  startup() {
    return this.health.check([
      () => (this.lifecycle.started ? this.indicators.check('startup').up() : this.indicators.check('startup').down({ reason: 'starting' })),
    ]);
  }

  private lifecycleCheck() {
    const indicator = this.indicators.check('lifecycle');
    return this.lifecycle.shuttingDown ? indicator.down({ reason: 'shutting down' }) : indicator.up();
  }
}
