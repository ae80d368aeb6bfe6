import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { migrationsCurrent } from '../database/run-migrations';

const PING_TIMEOUT_MS = 1000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, rej) => { timer = setTimeout(() => rej(new Error('timeout')), ms); })])
    .finally(() => clearTimeout(timer));
}

/** Database ping with a short timeout, plus "all migrations applied". */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async check(key = 'database') {
    const indicator = this.health.check(key);
    try {
      await withTimeout(this.ds.query('SELECT 1'), PING_TIMEOUT_MS);
      if (!(await withTimeout(migrationsCurrent(this.ds), PING_TIMEOUT_MS))) return indicator.down({ reason: 'migrations pending' });
      return indicator.up();
    } catch {
      return indicator.down({ reason: 'unreachable' });
    }
  }
}
