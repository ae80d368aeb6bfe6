import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OpsSettings } from '../observability/ops-settings';
import { LifecycleService } from './lifecycle.service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops accepting connections and waits for in-flight requests. Idle keep-alive connections are
 * closed now and again every 100 ms, because a connection that finishes its last request after
 * close() would otherwise hold the server open until keepAliveTimeout.
 */
async function closeHttp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const server = app.getHttpServer() as Server;
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await fastify.close();
  } finally {
    clearInterval(sweeper);
  }
}

/** SQLite: fold the WAL into the database file so a stopped pod leaves one consistent file. */
async function checkpointSqlite(app: NestFastifyApplication, log: Logger): Promise<void> {
  const ds = app.get(DataSource);
  if (ds.options.type !== 'better-sqlite3' || !ds.isInitialized) return;
  try {
    await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch (err) {
    log.warn({ err }, 'shutdown: WAL checkpoint failed; SQLite will recover from the WAL at next start');
  }
}

/**
 * The shutdown order Kubernetes needs (reliability-plan.md §4.3), replacing Nest's own signal
 * handling, which would close the database before the HTTP server has finished its requests and
 * exit by re-raising the signal (code 143):
 *   1. readiness 503 at once, so the endpoint is removed;
 *   2. keep serving for SHUTDOWN_DRAIN_MS while load balancers catch up (SIGTERM only);
 *   3. stop accepting connections, let in-flight requests finish;
 *   4. checkpoint SQLite, then app.close(): Nest hooks, Redis, the DataSource;
 *   5. exit 0 — or exit 1 if all this overruns SHUTDOWN_GRACE_MS.
 */
export function installGracefulShutdown(app: NestFastifyApplication, settings: OpsSettings, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.get(LifecycleService).beginShutdown();
    // SIGTERM comes from Kubernetes or Docker, with a load balancer to wait for; SIGINT is a person
    // at a terminal pressing Ctrl-C, who has none.
    const drainMs = signal === 'SIGTERM' ? settings.shutdownDrainMs : 0;
    log.info({ signal, drainMs, graceMs: settings.shutdownGraceMs }, 'shutdown: readiness is 503, draining');
    const deadline = setTimeout(() => {
      log.error({ graceMs: settings.shutdownGraceMs }, 'shutdown: grace period exceeded, exiting');
      process.exit(1);
    }, settings.shutdownGraceMs);
    deadline.unref();
    void (async () => {
      await sleep(drainMs);
      log.info('shutdown: closing the HTTP server, waiting for in-flight requests');
      await closeHttp(app);
      await checkpointSqlite(app, log);
      await app.close();
      log.info('shutdown: complete');
      process.exit(0);
    })().catch((err: unknown) => {
      log.error({ err }, 'shutdown: failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
