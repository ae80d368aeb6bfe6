#!/usr/bin/env node
// `npm run bench -- audit-cost [--db sqlite|postgres] [options]`: what writing the audit event adds
// to the latency of a user PATCH (issue 5: at most 20% on the median). Two instances of the same
// built service on their own scratch databases: "on" is `node dist/src/main.js` as in production,
// "off" is bench/servers/service-without-audit.cjs (the same app with AuditService.recordChange
// replaced by a no-op). Serial PATCHes in Entra's shape, in alternating rounds; every response
// checked; at the end the audit trail of each instance is counted. See docs/BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { renderAuditCost, summariseAuditCost } from './lib/audit-cost-report.mjs';
import { URN, userBody, userName } from './lib/entra.mjs';
import { call, runWorkers, ScimClient } from './lib/http.mjs';
import { PgAdmin } from './lib/postgres.mjs';
import { cpuMs, hwmMb, rssMb, startServer, stopServer, writtenBytes } from './lib/proc.mjs';
import { machineInfo } from './lib/report.mjs';
import { Recorder } from './lib/stats.mjs';
import { buildDigest, copyBuild, freePort, log, makeScratch, productionEnv, productionNodeArgs, ROOT, runStamp } from './lib/workspace.mjs';

const OPTIONS = {
  db: { type: 'string', default: 'sqlite' },
  users: { type: 'string', default: '1000' },
  rounds: { type: 'string', default: '20' },
  'per-round': { type: 'string', default: '300' },
  warmup: { type: 'string' },
  concurrency: { type: 'string', default: '16' },
  'conc-rounds': { type: 'string', default: '2' },
  'conc-requests': { type: 'string', default: '1000' },
  target: { type: 'string', default: '20' },
  'log-level': { type: 'string', default: 'info' },
  profile: { type: 'boolean', default: false },
  timing: { type: 'boolean', default: false },
  'service-node-args': { type: 'string' },
  out: { type: 'string', default: join(ROOT, 'bench', 'results') },
  keep: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

const HELP = `npm run bench -- audit-cost [--db sqlite|postgres] [--users N] [--rounds R] [--per-round K] [--warmup W]
  [--concurrency C] [--conc-rounds CR] [--conc-requests CK] [--target PCT] [--log-level info|warn|silent] [--out DIR] [--keep]
  [--profile] [--timing] [--service-node-args="…"]
Both instances run with the node flags of package.json's start script (production's V8 heap flags) unless
--service-node-args replaces them (--service-node-args= for none).
What writing the audit event costs a user PATCH: the built service ("on", node dist/src/main.js) and the same build
with AuditService.recordChange replaced by a no-op ("off", bench/servers/service-without-audit.cjs), each on its own
scratch database, seeded with N users (1000) over POST /Users; then a warm-up of W PATCHes on each (default K), R
rounds (20) of K serial PATCHes (300) alternating which instance goes first, and CR rounds (2) of CK PATCHes (1000)
at concurrency C (16). Overhead = p50(on) / p50(off) - 1 over all serial samples; the target is ≤ PCT % (20).
Exit 0: target met and no errors; 2: target missed; 1: the run failed (errors, wrong responses, wrong audit counts).
Results: bench/results/<date>-audit-cost-<db>.json and .md.
Where the time goes (instrumented runs, not for the verdict): --profile writes a V8 CPU profile of each instance over
the serial rounds (bench/lib/profiler-preload.cjs; summarise with node bench/profile-summary.mjs FILE); --timing
times recordChange, its parts and every SQL statement (bench/lib/audit-timing-preload.cjs). Both go to
bench/results/profiles/<date>/.\n`;

const int = (v, name) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a count: ${v}`);
  return n;
};

/** Entra's PATCH of two single-valued attributes; `seq` makes every value new, so every PATCH changes the user. */
const patchValues = (seq) => ({ displayName: `Audit Bench ${seq}`, title: `Title ${seq}` });
const patchBody = (seq) => {
  const v = patchValues(seq);
  return {
    schemas: [URN.PATCH],
    Operations: [{ op: 'Replace', path: 'displayName', value: v.displayName }, { op: 'Replace', path: 'title', value: v.title }],
  };
};

const range = (from, to) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

export async function auditCost(argv) {
  const { values: o } = parseArgs({ args: argv, options: OPTIONS });
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const perRound = int(o['per-round'], 'per-round');
  const opts = {
    db: o.db === 'postgres' || o.db === 'pg' ? 'postgres' : 'sqlite',
    users: int(o.users, 'users'), rounds: int(o.rounds, 'rounds'), perRound, warmup: int(o.warmup ?? String(perRound), 'warmup'),
    concurrency: int(o.concurrency, 'concurrency'), concRounds: int(o['conc-rounds'], 'conc-rounds'),
    concRequests: int(o['conc-requests'], 'conc-requests'), targetPct: Number(o.target), logLevel: o['log-level'],
    profile: o.profile, timing: o.timing, serviceNodeArgs: o['service-node-args'] ?? productionNodeArgs(), out: o.out,
  };
  if (opts.rounds < 1 || opts.perRound < 1) throw new Error('--rounds and --per-round must be at least 1');
  if (opts.users < Math.max(2, opts.concurrency + 1)) throw new Error('--users must exceed --concurrency (concurrent PATCHes go to distinct users)');
  const ctx = { opts, scratch: makeScratch(), stamp: runStamp(), token: `bench_${randomBytes(30).toString('base64url')}`, instances: [], pgDbs: [] };
  const cleanup = installInterruptHandler(ctx);
  let exitCode = 1;
  try {
    const result = await run(ctx);
    mkdirSync(o.out, { recursive: true });
    const base = join(o.out, `${ctx.stamp}-audit-cost-${opts.db}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
    const md = renderAuditCost(result);
    writeFileSync(`${base}.md`, md);
    process.stdout.write(`\n${md}\nResults: ${base}.json and ${base}.md (run took ${result.seconds} s)\n`);
    exitCode = result.verdict.correct ? (result.verdict.pass ? 0 : 2) : 1;
  } catch (e) {
    process.stderr.write(`audit-cost benchmark failed: ${e?.stack ?? e}\nlogs in ${ctx.scratch}\n`);
  } finally {
    await shutdown(ctx, { keepDbs: o.keep, keepScratch: o.keep || exitCode === 1 });
    process.removeListener('SIGINT', cleanup);
    process.removeListener('SIGTERM', cleanup);
  }
  return exitCode;
}

async function run(ctx) {
  const { opts } = ctx;
  const started = Date.now();
  const loadAtStart = machineInfo().loadAvgAtEnd;
  ctx.dist = await copyBuild(ctx.scratch);
  if (opts.db === 'postgres') ctx.pgAdmin = await new PgAdmin().connect();
  for (const name of ['on', 'off']) ctx.instances.push(await startInstance(ctx, name));
  const [on, off] = ctx.instances;
  log(`audit on ${on.tenantUrl} (pid ${on.pid}), audit off ${off.tenantUrl} (pid ${off.pid}), ${opts.db}, scratch ${ctx.scratch}`);

  for (const inst of ctx.instances) await seed(ctx, inst);
  if (ctx.pgAdmin) for (const inst of ctx.instances) await ctx.pgAdmin.analyze(inst.dbName);

  for (const inst of ctx.instances) {
    inst.warmup = await block(ctx, inst, new Recorder('warmup'), opts.warmup, 1);
    log(`warm-up on ${inst.name}: ${opts.warmup} PATCHes, p50 ${inst.warmup.summary.p50} ms`);
  }
  await signalPreloads(ctx);
  const rounds = [];
  for (let r = 0; r < opts.rounds; r++) {
    const order = r % 2 === 0 ? [on, off] : [off, on];
    const round = { round: r + 1, first: order[0].name };
    for (const inst of order) round[inst.name] = await block(ctx, inst, new Recorder(`serial.${r + 1}`), opts.perRound, 1);
    round.ratio = round.on.summary.p50 / round.off.summary.p50;
    rounds.push(round);
    log(`round ${r + 1}/${opts.rounds} (${round.first} first): p50 on ${round.on.summary.p50} ms, off ${round.off.summary.p50} ms, ×${round.ratio.toFixed(3)}`);
  }
  const instrumentation = await signalPreloads(ctx, true);
  const concurrent = [];
  for (let r = 0; r < opts.concRounds; r++) {
    const order = r % 2 === 0 ? [off, on] : [on, off];
    const round = { round: r + 1, first: order[0].name };
    for (const inst of order) round[inst.name] = await block(ctx, inst, new Recorder(`concurrent.${r + 1}`), opts.concRequests, opts.concurrency);
    concurrent.push(round);
    log(`concurrent round ${r + 1}/${opts.concRounds}: on ${round.on.rps.toFixed(0)} req/s, off ${round.off.rps.toFixed(0)} req/s`);
  }
  const audit = {};
  for (const inst of ctx.instances) audit[inst.name] = await auditTrail(inst);
  const final = Object.fromEntries(ctx.instances.map((i) => [i.name, { rssMb: rssMb(i.pid), peakRssMb: hwmMb(i.pid), patches: i.patches }]));
  return summariseAuditCost({
    date: new Date().toISOString(), db: opts.db, options: opts, machine: { ...machineInfo(), loadAvgAtStart: loadAtStart }, build: buildInfo(ctx.dist),
    seconds: Math.round((Date.now() - started) / 1000), seeding: Object.fromEntries(ctx.instances.map((i) => [i.name, i.seedSummary])),
    warmup: Object.fromEntries(ctx.instances.map((i) => [i.name, i.warmup])), rounds, concurrent, audit, final, instrumentation,
  });
}

async function startInstance(ctx, name) {
  const port = await freePort();
  const dataDir = join(ctx.scratch, name);
  mkdirSync(dataDir);
  const env = {
    ...process.env, ...productionEnv(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, BOOTSTRAP_TOKEN: ctx.token,
    RATE_LIMIT_PER_TENANT_RPS: '0', LOG_LEVEL: ctx.opts.logLevel, SHUTDOWN_DRAIN_MS: '0', NODE_ENV: 'production',
    NODE_PATH: join(ROOT, 'node_modules'), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  };
  delete env.DATABASE_URL;
  const dbName = `scimaudit_${ctx.stamp.replace('-', '_')}_${name}`;
  if (ctx.pgAdmin) {
    ctx.pgDbs.push(dbName);
    env.DATABASE_URL = await ctx.pgAdmin.create(dbName);
  }
  const nodeArgs = preloadArgs(ctx.opts);
  if (ctx.opts.profile || ctx.opts.timing) {
    env.BENCH_PROFILE_DIR = join(ctx.scratch, `profiles-${name}`);
    mkdirSync(env.BENCH_PROFILE_DIR);
  }
  const script = name === 'on' ? [join(ctx.dist, 'src', 'main.js')] : [join(ROOT, 'bench', 'servers', 'service-without-audit.cjs'), ctx.dist];
  const args = [...nodeArgs, ...script];
  const s = await startServer({ name: `audit-${name}`, command: process.execPath, args, env, cwd: ctx.scratch, logFile: join(ctx.scratch, `${name}.log`) });
  const inst = { name, ...s, profileDir: env.BENCH_PROFILE_DIR, dbName: ctx.pgAdmin ? dbName : undefined, ids: [], seq: 0, patches: 0 };
  inst.serial = new ScimClient(s.tenantUrl, ctx.token, 1);
  inst.conc = new ScimClient(s.tenantUrl, ctx.token, ctx.opts.concurrency);
  inst.admin = new ScimClient(`${new URL(s.tenantUrl).origin}/`, ctx.token, 1);
  return inst;
}

/** N users over HTTP, Entra's POST /Users body (untimed, checked). */
async function seed(ctx, inst) {
  const rec = new Recorder('seed');
  const t0 = performance.now();
  await runWorkers(range(0, ctx.opts.users), ctx.opts.concurrency, async (i) => {
    const r = await call(inst.conc, rec, 'POST', '/Users', userBody(i), 201);
    if (r && rec.check(typeof r.json?.id === 'string' && r.json.userName === userName(i), () => `POST user ${i}: ${r.text.slice(0, 160)}`)) inst.ids[i] = r.json.id;
  });
  rec.activeMs = performance.now() - t0;
  inst.seedSummary = rec.summary();
  log(`seed ${ctx.opts.users} users into ${inst.name}: ${(rec.activeMs / 1000).toFixed(1)} s`);
  if (rec.errors || rec.verifyFailures) throw new Error(`seeding ${inst.name} failed: ${rec.samples.join('; ')}`);
}

/** Node arguments of both instances: --service-node-args, and the preloads of --profile and --timing. */
function preloadArgs(opts) {
  const args = opts.serviceNodeArgs.split(' ').filter(Boolean);
  if (opts.profile) args.push('--require', join(ROOT, 'bench', 'lib', 'profiler-preload.cjs'));
  if (opts.timing) args.push('--require', join(ROOT, 'bench', 'lib', 'audit-timing-preload.cjs'));
  return args;
}

/**
 * SIGUSR2 to both instances' preloads (only when there are any: without a handler it would kill
 * the process): at the start of the serial rounds, and at their end, when the preloads write
 * their files; those are then copied to <out>/profiles/<stamp>/ and the timing rows returned.
 */
async function signalPreloads(ctx, stop = false) {
  const { opts } = ctx;
  if (!opts.profile && !opts.timing) return undefined;
  for (const inst of ctx.instances) process.kill(inst.pid, 'SIGUSR2');
  if (!stop) return sleep(300);
  const dir = join(opts.out, 'profiles', ctx.stamp);
  mkdirSync(dir, { recursive: true });
  const out = { patchesPerInstance: opts.rounds * opts.perRound, files: {}, timing: {} };
  for (const inst of ctx.instances) {
    const ready = () => (!opts.timing || existsSync(join(inst.profileDir, 'timing.json'))) && (!opts.profile || readdirSync(inst.profileDir).some((f) => f.endsWith('.cpuprofile')));
    for (let k = 0; k < 300 && !ready(); k++) await sleep(100);
    await sleep(500); // the profile is written in one call; let it finish
    for (const f of readdirSync(inst.profileDir)) {
      const target = join(dir, `audit-cost-${opts.db}-${inst.name}-${f.endsWith('.cpuprofile') ? 'serial.cpuprofile' : f}`);
      copyFileSync(join(inst.profileDir, f), target);
      (out.files[inst.name] ??= []).push(target);
      log(`${inst.name}: ${target}`);
    }
    if (opts.timing) out.timing[inst.name] = JSON.parse(readFileSync(join(inst.profileDir, 'timing.json'), 'utf8'));
  }
  return out;
}

/** One PATCH, checked: 200, the user's id, and both new values in the response. */
async function patchOnce(inst, client, rec, seq, users) {
  const id = inst.ids[seq % users];
  const want = patchValues(seq);
  const r = await call(client, rec, 'PATCH', `/Users/${id}`, patchBody(seq), 200);
  if (!r) return;
  inst.patches += 1;
  rec.check(r.json?.id === id && r.json.displayName === want.displayName && r.json.title === want.title,
    () => `PATCH ${seq} of ${id}: ${r.text.slice(0, 160)}`);
}

/** n PATCHes on one instance with `concurrency` closed-loop workers: latencies, req/s, server (and PostgreSQL backend) CPU. */
async function block(ctx, inst, rec, n, concurrency) {
  const client = concurrency === 1 ? inst.serial : inst.conc;
  const seqs = range(inst.seq, inst.seq + n);
  inst.seq += n;
  const db0 = ctx.pgAdmin ? await ctx.pgAdmin.backendCpu(inst.dbName) : undefined;
  const cpu0 = cpuMs(inst.pid);
  const written0 = writtenBytes(inst.pid);
  const wallMs = await runWorkers(seqs, concurrency, (seq) => patchOnce(inst, client, rec, seq, ctx.opts.users));
  const cpu = cpuMs(inst.pid) - cpu0;
  const written = writtenBytes(inst.pid) - written0;
  const dbCpu = ctx.pgAdmin ? PgAdmin.delta(db0, await ctx.pgAdmin.backendCpu(inst.dbName)) : undefined;
  rec.activeMs = wallMs;
  return { n, wallMs, rps: (n / wallMs) * 1000, cpuMs: cpu, writtenBytes: written, dbCpuMs: dbCpu, latencies: rec.latencies, summary: rec.summary() };
}

/** The instance's audit trail after the run: counts by action (summary), the newest user.updated event, and (on) the chain check. */
async function auditTrail(inst) {
  const get = async (path) => {
    const r = await inst.admin.send('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path} on ${inst.name}: ${r.status} ${r.text.slice(0, 200)}`);
    return r.json;
  };
  const summary = await get('/api/v1/audit/summary');
  const count = (action) => summary.actions.find((a) => a.action === action) ?? { success: 0, failure: 0 };
  const newest = (await get('/api/v1/audit/events?action=user.updated&resourceType=User&limit=1')).items?.[0];
  const verify = await get('/api/v1/audit/verify');
  return {
    total: summary.total, failure: summary.failure, userCreated: count('user.created').success, userUpdated: count('user.updated').success,
    userEvents: summary.actions.filter((a) => a.action.startsWith('user.')).reduce((s, a) => s + a.success + a.failure, 0),
    newestUpdate: newest ? { resourceId: newest.resourceId, changed: (newest.changes ?? []).map((c) => c.attribute) } : null,
    chainOk: verify.ok, chainChecked: verify.checked, patchesAnswered: inst.patches,
    // The newest event must be one of the last PATCHes (the last block may have run concurrently).
    recentlyPatchedIds: range(Math.max(0, inst.seq - 64), inst.seq).map((seq) => inst.ids[seq % inst.ids.length]),
  };
}

function buildInfo(dist) {
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  const dirty = git(['status', '--porcelain', '--', 'src', 'libs']);
  return { digest: buildDigest(dist), commit: git(['rev-parse', '--short', 'HEAD']), uncommittedFilesInSrcLibs: dirty === undefined ? undefined : dirty.split('\n').filter(Boolean).length };
}

async function shutdown(ctx, { keepDbs, keepScratch }) {
  for (const inst of ctx.instances) {
    for (const c of [inst.serial, inst.conc, inst.admin]) await c.close().catch(() => undefined);
    await stopServer(inst.proc);
  }
  if (ctx.pgAdmin) {
    if (!keepDbs) for (const name of ctx.pgDbs) await ctx.pgAdmin.drop(name).catch(() => undefined);
    await ctx.pgAdmin.end().catch(() => undefined);
  }
  if (keepScratch) process.stdout.write(`scratch kept: ${ctx.scratch}\n`);
  else rmSync(ctx.scratch, { recursive: true, force: true });
}

/** Ctrl-C / SIGTERM: stop both servers and drop the scratch databases before leaving. */
function installInterruptHandler(ctx) {
  let interrupted = false;
  const handler = async (sig) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${sig}: stopping the servers\n`);
    for (const inst of ctx.instances) inst.proc.kill('SIGKILL');
    if (ctx.pgAdmin) for (const name of ctx.pgDbs) await ctx.pgAdmin.drop(name).catch(() => undefined);
    rmSync(ctx.scratch, { recursive: true, force: true });
    process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return handler;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await auditCost(process.argv.slice(2)));
