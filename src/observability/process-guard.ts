import type { Logger } from 'pino';

/** Counts read by the `process_faults_total` metric. */
export const processFaults = { unhandledRejection: 0, uncaughtException: 0 };

let installed = false;

/**
 * Keeps one stray promise or emitter error from taking the whole service down (a dropped
 * PostgreSQL connection used to crash Node apps this way: typeorm#1689, node-postgres#2635), while
 * making it visible: each event is counted and logged through the root logger's error
 * serializer (type, code, message, stack; never request data). Liveness stays honest because a wedged event loop still fails /health/live.
 */
export function installProcessGuard(log: Logger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    processFaults.unhandledRejection += 1;
    log.error({ err: reason, kind: 'unhandledRejection' }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err) => {
    processFaults.uncaughtException += 1;
    log.error({ err, kind: 'uncaughtException' }, 'uncaught exception');
  });
}
