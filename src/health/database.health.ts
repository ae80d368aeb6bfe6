import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { migrationsCurrent } from '../database/run-migrations';

/** Readiness must answer well inside the kubelet's 2 s probe timeout (reliability-plan.md §4.2). */
const PING_TIMEOUT_MS = 1000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, rej) => { timer = setTimeout(() => rej(new Error('timeout')), ms); })])
    .finally(() => clearTimeout(timer));
}

/**
 * Database ping with a short timeout, plus "all migrations applied". Reasons are fixed strings
 * (never driver messages). Changes of state are logged once each, not at every probe.
 */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly logger = new Logger('Readiness');
  private lastReason: string | undefined = 'unknown';

  constructor(
    private readonly health: HealthIndicatorService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async check(key = 'database') {
    const indicator = this.health.check(key);
    const reason = await this.probe();
    this.report(reason);
    return reason ? indicator.down({ reason }) : indicator.up();
  }

  private async probe(): Promise<string | undefined> {
    try {
      await withTimeout(this.ds.query('SELECT 1'), PING_TIMEOUT_MS);
      return (await withTimeout(migrationsCurrent(this.ds), PING_TIMEOUT_MS)) ? undefined : 'migrations pending';
    } catch {
      return 'unreachable';
    }
  }

  private report(reason: string | undefined): void {
    if (reason === this.lastReason) return;
    const first = this.lastReason === 'unknown';
    this.lastReason = reason;
    if (reason) this.logger.warn(`database check is down (${reason}); readiness answers 503`);
    else if (!first) this.logger.log('database check is up again; readiness answers 200');
  }
}
