import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { LifecycleService } from './lifecycle.service';

/** Kubernetes probes. No token needed; bodies say up/down and nothing internal. */
@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: DatabaseHealthIndicator,
    private readonly lifecycle: LifecycleService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP. Never touches the database.' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database reachable, migrations current, not shutting down.' })
  @HealthCheck()
  ready() {
    return this.health.check([
      () => (this.lifecycle.shuttingDown ? this.indicators.check('lifecycle').down({ reason: 'shutting down' }) : this.indicators.check('lifecycle').up()),
      () => this.db.check(),
    ]);
  }

  @Get('startup')
  @ApiOperation({ summary: 'Startup: migrations ran and the service finished booting.' })
  @HealthCheck()
  startup() {
    if (!this.lifecycle.started) throw new ServiceUnavailableException();
    return this.health.check([() => this.db.check()]);
  }
}
