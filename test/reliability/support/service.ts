import { join } from 'node:path';
import { httpRequest, sleep } from '../../system/support/http';
import { RunningService, startService } from '../../system/support/spawn-service';
import { persistLog, recordSecret } from './run-dir';

export type { RunningService } from '../../system/support/spawn-service';

const SENTINEL = join(__dirname, 'prototype-sentinel.js');

/**
 * The built service as a real process (test/system's startService), with what every reliability
 * run wants: the prototype sentinel preloaded, the per-tenant rate limit off and the failed-auth
 * limiter relaxed unless a spec sets them (fuzzing is not a flood), and its output kept for H1.
 */
export class Fleet {
  private readonly running: RunningService[] = [];
  private n = 0;

  constructor(private readonly name: string) {}

  async start(env: Record<string, string | undefined>, opts: { port?: number } = {}): Promise<RunningService> {
    const svc = await startService({
      RATE_LIMIT_PER_TENANT_RPS: '0', AUTH_FAILURE_LIMIT: '100000', NODE_OPTIONS: `--require ${SENTINEL}`, ...env,
    }, opts);
    recordSecret(svc.token);
    this.running.push(svc);
    (svc as RunningService & { logName: string }).logName = `${this.name}-${++this.n}-${svc.pid}`;
    return svc;
  }

  /** SIGKILL, wait for the exit, keep the log. */
  async kill9(svc: RunningService): Promise<void> {
    svc.kill();
    await svc.exited;
    this.persist(svc);
  }

  persist(svc: RunningService): void {
    persistLog((svc as RunningService & { logName: string }).logName, svc.lines());
  }

  /** Every PROTOTYPE-POLLUTION line any of this fleet's processes printed. */
  pollution(): string[] {
    return this.running.flatMap((s) => s.lines().filter((l) => l.startsWith('PROTOTYPE-POLLUTION')));
  }

  async stopAll(): Promise<void> {
    for (const svc of this.running) {
      svc.kill();
      await Promise.race([svc.exited, sleep(5_000)]);
      this.persist(svc);
    }
  }
}

/** Polls /health/ready until 200; returns the ms it took (Infinity past the limit). */
export async function waitReady(origin: string, limitMs = 30_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < limitMs) {
    const r = await httpRequest(`${origin}/health/ready`, { timeoutMs: 2_000 }).catch(() => undefined);
    if (r?.status === 200) return performance.now() - t0;
    await sleep(50);
  }
  return Infinity;
}
