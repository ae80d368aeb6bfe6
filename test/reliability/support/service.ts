import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, httpRequest, sleep } from '../../system/support/http';
import { MAIN_JS, productionEnv, productionNodeArgs, ROOT, RunningService } from '../../system/support/spawn-service';
import { persistLog, recordSecret } from './run-dir';

export type { RunningService } from '../../system/support/spawn-service';

const SENTINEL = join(__dirname, 'prototype-sentinel.js');
/**
 * The built service. `npm run test:reliability` points RELIABILITY_MAIN_JS at a snapshot of dist/
 * taken when the run starts, so a rebuild during a long run cannot pull the files away.
 */
const ENTRY = process.env.RELIABILITY_MAIN_JS || MAIN_JS;

interface Spawned { proc: ChildProcess; port: number; lines: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

/**
 * The built service as a real process — the same process test/system's startService runs, plus
 * what every reliability run wants: the prototype sentinel preloaded, the per-tenant rate limit off
 * and the failed-auth limiter relaxed unless a spec sets them (fuzzing is not a flood), and every
 * line it prints kept for the log-hygiene check (H1).
 */
export class Fleet {
  private readonly running: Array<RunningService & { logName: string }> = [];
  private n = 0;

  constructor(private readonly name: string) {}

  private async spawnService(env: Record<string, string | undefined>, port?: number): Promise<Spawned> {
    const p = port ?? (await freePort());
    const full: NodeJS.ProcessEnv = {
      ...productionEnv(), PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', PORT: String(p), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${p}`,
      LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_GRACE_MS: '20000', RATE_LIMIT_PER_TENANT_RPS: '0', AUTH_FAILURE_LIMIT: '100000',
      NODE_OPTIONS: `--require ${SENTINEL}`,
    };
    for (const [k, v] of Object.entries(env)) if (v !== undefined) full[k] = v;
    const proc = spawn(process.execPath, [...productionNodeArgs(), ENTRY], { cwd: ROOT, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    const onData = (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.on('exit', (code, signal) => {
      if (partial) lines.push(partial);
      res({ code, signal });
    }));
    return { proc, port: p, lines, exited };
  }

  /** Starts the service and waits for its "listening on" line (30 s at most). */
  async start(env: Record<string, string | undefined>, opts: { port?: number } = {}): Promise<RunningService> {
    const s = await this.spawnService(env, opts.port);
    let dead = false;
    void s.exited.then(() => (dead = true));
    const deadline = Date.now() + 30_000;
    while (!s.lines.some((l) => l.includes('listening on'))) {
      if (dead || Date.now() > deadline) {
        s.proc.kill('SIGKILL');
        throw new Error(`service ${dead ? 'exited during start-up' : 'did not start within 30 s'}:\n${s.lines.join('\n')}`);
      }
      await sleep(25);
    }
    const find = (prefix: string) => s.lines.find((l) => l.startsWith(prefix))?.slice(prefix.length).trim();
    const svc = {
      proc: s.proc, pid: s.proc.pid!, port: s.port, origin: `http://127.0.0.1:${s.port}`, tenantUrl: find('Tenant URL: '), token: find('Secret Token: '),
      lines: () => [...s.lines], exited: s.exited, kill: () => { if (!dead) s.proc.kill('SIGKILL'); }, logName: `${this.name}-${++this.n}-${s.proc.pid}`,
    };
    recordSecret(svc.token);
    this.running.push(svc);
    return svc;
  }

  /** Spawns without waiting (to kill it during start-up, e.g. mid-migration); output kept for H1. */
  async spawnRaw(env: Record<string, string | undefined>): Promise<Spawned> {
    const s = await this.spawnService(env);
    const name = `${this.name}-raw-${++this.n}-${s.proc.pid}`;
    void s.exited.then(() => persistLog(name, s.lines));
    return s;
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
      await Promise.race([svc.exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
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
    await sleep(25);
  }
  return Infinity;
}
