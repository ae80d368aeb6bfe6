import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { processFaults } from './process-guard';

/** node-postgres Pool counters (TypeORM keeps the pool on `driver.master`). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
  on(event: 'error', fn: (err: Error) => void): void;
}

/**
 * Every Prometheus metric the service exposes (docs/operations.md "Reading the metrics"). A
 * registry per application, not prom-client's global one, so tests can run several apps in one
 * process. Labels are bounded: route patterns (never raw URLs with ids), SCIM operation names,
 * scimType, Entra quirk names and tenant ids; never tokens, user names or filter values.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly scimOperations = new Counter({
    name: 'scim_operations_total',
    help: 'SCIM operations by resource type, operation, outcome (success, client_error, throttled, unavailable, server_error) and tenant ("none" before authentication)',
    labelNames: ['resource_type', 'operation', 'outcome', 'tenant'] as const,
    registers: [this.registry],
  });

  readonly scimErrors = new Counter({
    name: 'scim_errors_total',
    help: 'SCIM Error responses by HTTP status and scimType ("none" when the error has no scimType)',
    labelNames: ['status', 'scim_type'] as const,
    registers: [this.registry],
  });

  readonly entraQuirks = new Counter({
    name: 'scim_entra_quirks_total',
    help: 'Entra-specific PATCH shapes normalised, by quirk and tenant',
    labelNames: ['quirk', 'tenant'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'scim_rate_limited_total',
    help: 'Requests refused with 429 by the per-tenant rate limit',
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });

  readonly rateLimitSharedStoreUp = new Gauge({
    name: 'rate_limit_shared_store_up',
    help: '1 while the Redis-backed rate limit is in use, 0 while it fails open to the in-memory limiter (absent without REDIS_URL)',
    registers: [],
  });

  readonly dbPoolErrors = new Counter({
    name: 'db_pool_errors_total',
    help: 'Errors raised by idle PostgreSQL pool connections (server restarts, network resets)',
    registers: [],
  });

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    new Counter({
      name: 'process_faults_total',
      help: 'unhandledRejection and uncaughtException events caught by the process guard',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [kind, n] of Object.entries(processFaults)) this.inc({ kind }, n);
      },
    });
  }

  /** Called once REDIS_URL is configured, so the gauge only exists where it means something. */
  enableSharedStoreGauge(): void {
    if (!this.registry.getSingleMetric('rate_limit_shared_store_up')) this.registry.registerMetric(this.rateLimitSharedStoreUp);
  }

  onModuleInit(): void {
    const pool = this.pgPool();
    if (!pool) return;
    // TypeORM logs pool errors; counting them makes a flapping database visible on a dashboard.
    this.registry.registerMetric(this.dbPoolErrors);
    pool.on('error', () => this.dbPoolErrors.inc());
    const gauge = (name: string, help: string, read: (p: PgPool) => number) => new Gauge({
      name, help, registers: [this.registry],
      collect() {
        const p = pool;
        this.set(read(p));
      },
    });
    gauge('db_pool_connections_total', 'PostgreSQL pool: open connections', (p) => p.totalCount);
    gauge('db_pool_connections_idle', 'PostgreSQL pool: idle connections', (p) => p.idleCount);
    gauge('db_pool_requests_waiting', 'PostgreSQL pool: queries waiting for a connection', (p) => p.waitingCount);
    gauge('db_pool_connections_max', 'PostgreSQL pool: configured maximum', (p) => p.options?.max ?? 10);
  }

  private pgPool(): PgPool | undefined {
    if (this.ds.options.type !== 'postgres' || !this.ds.isInitialized) return undefined;
    return (this.ds.driver as unknown as { master?: PgPool }).master;
  }
}
