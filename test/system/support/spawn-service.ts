import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, sleep } from './http';

/**
 * System specs run the BUILT service (`node dist/src/main.js`) as a real child process: real
 * signals, real exit codes, real stdout. `.ci/run` builds before Jest; locally run
 * `npm run build` first (a missing build fails loudly here rather than testing stale code).
 */
export const ROOT = resolve(__dirname, '../../..');
export const MAIN_JS = join(ROOT, 'dist/src/main.js');

/** `npm start` (package.json): `[VAR=value …] node [--flags …] dist/src/main.js`. */
function productionStart(): { env: Record<string, string>; args: string[] } {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const m = /^((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)node((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/src\/main\.js$/.exec(start.trim());
  if (!m) throw new Error(`package.json scripts.start is not "[VAR=value …] node [--flags] dist/src/main.js": ${start}`);
  const env = Object.fromEntries(m[1].split(/\s+/).filter(Boolean).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  return { env, args: m[2].split(/\s+/).filter(Boolean) };
}

/**
 * The node flags the service runs with in production: those of `npm start`, which the Dockerfile's
 * CMD and deploy/k8s repeat (test/system/k8s-manifests.system.spec.ts keeps them equal). The specs
 * run the service with them, so they test it as shipped (the V8 heap bounds included).
 */
export function productionNodeArgs(): string[] {
  return productionStart().args;
}

/**
 * The environment `npm start` sets before node (the glibc allocator's mmap threshold, see
 * docs/operations.md "Memory"), which the Dockerfile sets with ENV; the specs run the service with it.
 */
export function productionEnv(): Record<string, string> {
  return productionStart().env;
}

export function assertBuilt(): void {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npm run build\` before the system specs`);
}

export interface RunningService {
  proc: ChildProcess;
  pid: number;
  port: number;
  origin: string;
  /** The Tenant URL and token printed on first start (undefined on a database that had a tenant). */
  tenantUrl?: string;
  token?: string;
  /** Everything the process wrote, stdout and stderr interleaved, line by line. */
  lines(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (afterAll safety net). */
  kill(): void;
}

/** Base environment: quiet defaults a spec overrides. */
function baseEnv(port: number, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...productionEnv(), PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_GRACE_MS: '20000' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Starts the service and waits for its "listening on" line (30 s at most). */
export async function startService(extraEnv: Record<string, string | undefined>, opts: { port?: number } = {}): Promise<RunningService> {
  assertBuilt();
  const port = opts.port ?? (await freePort());
  const proc = spawn(process.execPath, [...productionNodeArgs(), MAIN_JS], { cwd: ROOT, env: baseEnv(port, extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    out.push(...parts);
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.on('exit', (code, signal) => {
    if (partial) out.push(partial);
    res({ code, signal });
  }));
  let dead = false;
  void exited.then(() => (dead = true));
  const deadline = Date.now() + 30_000;
  while (!out.some((l) => l.includes('listening on'))) {
    if (dead) throw new Error(`service exited during start-up:\n${out.join('\n')}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`service did not start within 30 s:\n${out.join('\n')}`);
    }
    await sleep(50);
  }
  const find = (prefix: string) => out.find((l) => l.startsWith(prefix))?.slice(prefix.length).trim();
  return {
    proc, pid: proc.pid!, port, origin: `http://127.0.0.1:${port}`,
    tenantUrl: find('Tenant URL: '), token: find('Secret Token: '),
    lines: () => [...out],
    exited,
    kill: () => { if (!dead) proc.kill('SIGKILL'); },
  };
}

/** The JSON log lines (the first-start lines and the "listening" banner are plain text). */
export function jsonLines(lines: string[]): Array<Record<string, any>> {
  return lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
}

/** DATA_DIR / DATABASE_URL for a test database from test/setup/test-database.ts. */
export function dbEnv(config: { dataDir: string; databaseUrl?: string }): Record<string, string | undefined> {
  return { DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl };
}
