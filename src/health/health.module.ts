import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { LifecycleService } from './lifecycle.service';

/** Probes. Terminus' own failure log (every probe) is off: DatabaseHealthIndicator logs state changes. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, LifecycleService],
  exports: [LifecycleService],
})
export class HealthModule {}
