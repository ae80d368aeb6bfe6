#!/usr/bin/env node
// `npm run bench [-- options]`: Entra's provisioning pattern against the built service and the bare
// reference server, side by side, on scratch databases; every figure as a ratio to the reference.
// See docs/BENCHMARKS.md. Traffic goes to 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ScimClient } from './lib/http.mjs';
import { initialSync, groupsPhase, incremental, largeGroup, lookups, paging, testConnection } from './lib/phases.mjs';
import { cpuMs, hwmMb, rssMb, runCommand, startServer, stopServer } from './lib/proc.mjs';
import { copyBuild, freePort, log, makeScratch, productionEnv, productionNodeArgs, ROOT, runStamp } from './lib/workspace.mjs';
import { PgAdmin } from './lib/postgres.mjs';
import { Recorder, round } from './lib/stats.mjs';
import { machineInfo, renderMarkdown, evaluateTargets } from './lib/report.mjs';
import { userBody } from './lib/entra.mjs';
import { newUserRow } from './reference/scim.mjs';
import { openStore } from './reference/store.mjs';

// `npm run bench -- audit-cost …`: what writing the audit event costs a user PATCH (bench/audit-cost.mjs).
if (process.argv[2] === 'audit-cost') {
  const { auditCost } = await import('./audit-cost.mjs');
  process.exit(await auditCost(process.argv.slice(3)));
}

const { values: o } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    full: { type: 'boolean', default: false },
    users: { type: 'string', default: '10000' },
    big: { type: 'string' },
    large: { type: 'string' },
    groups: { type: 'string', default: '200' },
    'group-members': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
    lookups: { type: 'string', default: '4000' },
    serial: { type: 'string', default: '1000' },
    removals: { type: 'string', default: '200' },
    'log-level': { type: 'string', default: 'info' },
    'service-node-args': { type: 'string' },
    profile: { type: 'string' },
    phases: { type: 'string', default: 'a,b,c,d,e,f' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results') },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (o.help) {
  process.stdout.write(`npm run bench -- [--db sqlite|postgres] [--full] [--users N] [--big N] [--large M[,M…]]
  [--groups G] [--group-members K] [--concurrency C] [--lookups N] [--serial N] [--removals R]
  [--log-level info|warn|silent] [--service-node-args="…" (default: npm start's node flags; --service-node-args= for none)] [--profile PHASE-PREFIX] [--phases a,b,c,d,e,f] [--keep]
--profile c.incremental,f.userName writes a V8 CPU profile of the service for each phase with one of those prefixes to
bench/results/profiles/ (summarise with node bench/profile-summary.mjs FILE).
Defaults: 10,000 users synced over HTTP, seeded to 100,000 (--big), large groups M = 10,000 and 50,000;
--full adds M = 100,000 and twice the lookups.
npm run bench -- audit-cost [--db sqlite|postgres] [options]: the cost of writing the audit event on a user PATCH
(the service with and without its audit writes, side by side); npm run bench -- audit-cost --help for its options.\n`);
  process.exit(0);
}
const int = (v) => Number.parseInt(v, 10);
const opts = {
  db: o.db === 'postgres' || o.db === 'pg' ? 'postgres' : 'sqlite',
  users: int(o.users),
  big: int(o.big ?? '100000'),
  large: (o.large ?? (o.full ? '10000,50000,100000' : '10000,50000')).split(',').map(int).filter((m) => m > 0),
  groups: int(o.groups),
  groupMembers: int(o['group-members']),
  concurrency: int(o.concurrency),
  lookups: int(o.lookups) * (o.full ? 2 : 1),
  serial: int(o.serial) * (o.full ? 2 : 1),
  removals: int(o.removals),
  phases: new Set(o.phases.split(',').map((s) => s.trim())),
};
if (opts.big && opts.big < opts.users) opts.big = 0;
const usersAt = (n) => Math.min(n, opts.big || opts.users);
for (const m of opts.large) if (m > (opts.big || opts.users)) throw new Error(`--large ${m} needs at least ${m} users (--users/--big)`);

const scratch = makeScratch();
const stamp = runStamp();
const token = `bench_${randomBytes(30).toString('base64url')}`;
let pgAdmin;
const pgNames = { service: `scimbench_${stamp.replace('-', '_')}_svc`, reference: `scimbench_${stamp.replace('-', '_')}_ref` };
const targets = [];
const profileDir = join(o.out, 'profiles', stamp);

async function prepare() {
  // A private copy of the build, so a rebuild in the work tree cannot change the service mid-run.
  await copyBuild(scratch);
  if (opts.db === 'postgres') pgAdmin = await new PgAdmin().connect();
  const svcPort = await freePort();
  const refPort = await freePort();
  mkdirSync(join(scratch, 'service'));
  mkdirSync(join(scratch, 'reference'));
  // The service gets npm start's environment (the allocator setting) as well as its node flags.
  const svcEnv = {
    ...process.env, ...productionEnv(), PORT: String(svcPort), HOST: '127.0.0.1', DATA_DIR: join(scratch, 'service'), BOOTSTRAP_TOKEN: token,
    RATE_LIMIT_PER_TENANT_RPS: '0', LOG_LEVEL: o['log-level'], SHUTDOWN_DRAIN_MS: '0', NODE_ENV: 'production',
    NODE_PATH: join(ROOT, 'node_modules'), PUBLIC_BASE_URL: `http://127.0.0.1:${svcPort}`,
  };
  delete svcEnv.DATABASE_URL;
  const refEnv = { ...process.env, REF_PORT: String(refPort), REF_HOST: '127.0.0.1', REF_TOKEN: token, REF_DB: join(scratch, 'reference', 'reference.sqlite') };
  if (opts.db === 'postgres') {
    svcEnv.DATABASE_URL = await pgAdmin.create(pgNames.service);
    refEnv.REF_DATABASE_URL = await pgAdmin.create(pgNames.reference);
  }
  // The service starts as in production (npm start's node flags) unless --service-node-args says otherwise.
  const nodeArgs = (o['service-node-args'] ?? productionNodeArgs()).split(' ').filter(Boolean);
  if (o.profile) {
    mkdirSync(profileDir, { recursive: true });
    nodeArgs.push('--require', join(ROOT, 'bench', 'lib', 'profiler-preload.cjs'));
    svcEnv.BENCH_PROFILE_DIR = join(scratch, 'profiles');
    mkdirSync(svcEnv.BENCH_PROFILE_DIR);
  }
  const svc = await startServer({ name: 'service', command: process.execPath, args: [...nodeArgs, join(scratch, 'app', 'dist', 'src', 'main.js')], env: svcEnv, cwd: scratch, logFile: join(scratch, 'service.log') });
  const ref = await startServer({ name: 'reference', command: process.execPath, args: [join(ROOT, 'bench', 'reference-server.mjs')], env: refEnv, cwd: scratch, logFile: join(scratch, 'reference.log') });
  for (const [name, s, env] of [['reference', ref, refEnv], ['service', svc, svcEnv]]) {
    const t = { name, ...s, env, client: new ScimClient(s.tenantUrl, token, opts.concurrency), ids: [], groups: [], recs: new Map(), rss: [] };
    t.tenantId = s.tenantUrl.split('/').pop();
    t.measure = (phase, fn) => measure(t, phase, fn);
    targets.push(t);
  }
  log(`service ${svc.tenantUrl} (pid ${svc.pid}), reference ${ref.tenantUrl} (pid ${ref.pid}), ${opts.db}, scratch ${scratch}`);
}

/** Runs one timed block on a target: wall time, server CPU (and PostgreSQL backends'), RSS after. */
async function measure(t, phase, fn) {
  if (!t.recs.has(phase)) t.recs.set(phase, { rec: new Recorder(phase), cpuMs: 0, dbCpuMs: 0, benchCpuMs: 0 });
  const entry = t.recs.get(phase);
  const db0 = pgAdmin ? await pgAdmin.backendCpu(pgNames[t.name]) : undefined;
  const cpu0 = cpuMs(t.pid);
  const bench0 = process.cpuUsage();
  const profiling = t.name === 'service' && o.profile && o.profile.split(',').some((prefix) => phase.startsWith(prefix));
  if (profiling) await toggleProfiler(t);
  const t0 = performance.now();
  await fn(entry.rec);
  entry.rec.activeMs += performance.now() - t0;
  if (profiling) await toggleProfiler(t, phase);
  const bench = process.cpuUsage(bench0);
  entry.cpuMs += cpuMs(t.pid) - cpu0;
  entry.benchCpuMs += (bench.user + bench.system) / 1000;
  if (pgAdmin) entry.dbCpuMs += PgAdmin.delta(db0, await pgAdmin.backendCpu(pgNames[t.name]));
  entry.rssMb = rssMb(t.pid);
  return entry.rec;
}

/** SIGUSR2 to the service's preloaded profiler: start, or stop and collect the profile as <phase>.cpuprofile. */
async function toggleProfiler(t, phase) {
  const dir = t.env.BENCH_PROFILE_DIR;
  const before = readdirSync(dir).length;
  process.kill(t.pid, 'SIGUSR2');
  if (!phase) return sleep(300);
  for (let k = 0; k < 200 && readdirSync(dir).length === before; k++) await sleep(100);
  const file = readdirSync(dir).filter((f) => /^\d+\.cpuprofile$/.test(f)).sort((a, b) => parseInt(b, 10) - parseInt(a, 10))[0];
  await sleep(300);
  renameSync(join(dir, file), join(profileDir, `${phase}.cpuprofile`));
  log(`profile of ${phase}: ${join(profileDir, `${phase}.cpuprofile`)}`);
}

/** Runs a phase on both targets, alternating which goes first so drift does not favour one. */
let phaseNo = 0;
async function both(title, fn) {
  const order = phaseNo++ % 2 === 0 ? targets : [...targets].reverse();
  for (const t of order) {
    const t0 = Date.now();
    const extra = await fn(t);
    if (extra) t.extra = { ...t.extra, ...extra };
    log(`${title} on ${t.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

async function lookupSet(size) {
  const variants = [['userName', opts.concurrency, 'conc', opts.lookups], ['userName', 1, 'serial', opts.serial],
    ['externalId', opts.concurrency, 'conc', opts.lookups], ['externalId', 1, 'serial', opts.serial]];
  for (const [attr, concurrency, mode, n] of variants) {
    await both(`f ${attr} eq @${size} ${mode}`, (t) => lookups(t, { size, attr, n, concurrency, label: `f.${attr}.${size / 1000}k.${mode}` }));
  }
}

/** Seeds users [from, to) into both servers' databases (untimed): the service through its own code. */
async function seed(from, to) {
  for (const t of targets) {
    const t0 = Date.now();
    if (t.name === 'service') {
      await runCommand(process.execPath, [join(ROOT, 'bench', 'seed-service.mjs'), join(scratch, 'app', 'dist'), t.tenantId, String(from), String(to)],
        { cwd: scratch, env: { ...t.env, LOG_LEVEL: 'warn', PORT: '0' }, stdio: ['ignore', 'inherit', 'inherit'] });
    } else {
      const store = await openStore(t.env.REF_DATABASE_URL || t.env.REF_DB);
      for (let s = from; s < to; s += 1000) {
        const now = new Date().toISOString();
        await store.seedUsers(Array.from({ length: Math.min(1000, to - s) }, (_, k) => newUserRow(t.tenantId, userBody(s + k), now)));
      }
      await store.close();
    }
    log(`seed ${from}..${to} into ${t.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (pgAdmin) for (const name of Object.values(pgNames)) await pgAdmin.analyze(name);
}

async function main() {
  const started = Date.now();
  await prepare();
  const has = (p) => opts.phases.has(p);
  await both('test connection', (t) => testConnection(t, 400, opts.concurrency));
  const firstCut = Math.min(1000, opts.users);
  await both(`a initial sync 0..${firstCut}`, (t) => initialSync(t, 0, firstCut, opts.concurrency));
  if (has('f') && firstCut >= 1000) await lookupSet(1000);
  await both(`a initial sync ${firstCut}..${opts.users}`, (t) => initialSync(t, firstCut, opts.users, opts.concurrency));
  if (has('f') && opts.users >= 10000) await lookupSet(10000);
  if (has('b')) await both('b groups', (t) => groupsPhase(t, { groups: opts.groups, membersPerGroup: opts.groupMembers, users: opts.users, concurrency: opts.concurrency }));
  if (has('c')) await both('c incremental', (t) => incremental(t, { users: opts.users, concurrency: opts.concurrency }));
  const large = [...opts.large];
  if (has('d') && large[0] && large[0] <= opts.users) {
    const m = large.shift();
    await both(`d large group M=${m}`, async (t) => ({ [`d.${m / 1000}k`]: await largeGroup(t, { members: m, removals: Math.min(opts.removals, m / 10), gets: 200, fullGets: 3, label: `${m / 1000}k` }) }));
  }
  const total = opts.big || opts.users;
  if (opts.big) await seed(opts.users, opts.big);
  if (has('e') || large.length) await both(`e paging ${total}`, (t) => paging(t, { total }));
  if (has('f') && opts.big >= 100000) await lookupSet(usersAt(100000));
  for (const m of has('d') ? large : []) {
    await both(`d large group M=${m}`, async (t) => ({ [`d.${m / 1000}k`]: await largeGroup(t, { members: m, removals: Math.min(opts.removals, m / 10), gets: 200, fullGets: 3, label: `${m / 1000}k` }) }));
  }
  const final = Object.fromEntries(targets.map((t) => [t.name, { rssMb: rssMb(t.pid), peakRssMb: hwmMb(t.pid) }]));
  return { seconds: Math.round((Date.now() - started) / 1000), final };
}

function collect(run) {
  const phases = {};
  for (const t of targets) {
    for (const [phase, e] of t.recs) {
      const s = e.rec.summary();
      const n = s.requests || 1;
      (phases[phase] ??= {})[t.name] = {
        ...s, cpuMsPerReq: round(e.cpuMs / n, 4), dbCpuMsPerReq: pgAdmin ? round(e.dbCpuMs / n, 4) : undefined,
        benchCpuMsPerReq: round(e.benchCpuMs / n, 4), rssMb: e.rssMb,
      };
    }
  }
  const extra = Object.fromEntries(targets.map((t) => [t.name, t.extra ?? {}]));
  return { date: new Date().toISOString(), db: opts.db, options: { ...opts, phases: [...opts.phases] }, machine: machineInfo(), ...run, phases, extra };
}

// Ctrl-C / SIGTERM: stop both servers and drop the scratch databases before leaving.
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${sig}: stopping the servers\n`);
    for (const t of targets) t.proc.kill('SIGKILL');
    if (pgAdmin) for (const name of Object.values(pgNames)) await pgAdmin.drop(name).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}

let exitCode = 0;
try {
  const run = await main();
  const result = collect(run);
  result.targets = evaluateTargets(result);
  mkdirSync(o.out, { recursive: true });
  const base = join(o.out, `${stamp}-${opts.db}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const md = renderMarkdown(result);
  writeFileSync(`${base}.md`, md);
  process.stdout.write(`\n${md}\nResults: ${base}.json and ${base}.md (run took ${run.seconds} s)\n`);
  const bad = Object.values(result.phases).some((p) => p.service && (p.service.errors || p.service.verifyFailures));
  if (bad) exitCode = 2;
} catch (e) {
  process.stderr.write(`benchmark failed: ${e?.stack ?? e}\nlogs in ${scratch}\n`);
  exitCode = 1;
} finally {
  for (const t of targets) {
    await t.client.close().catch(() => undefined);
    await stopServer(t.proc);
  }
  if (pgAdmin) {
    if (!o.keep) for (const name of Object.values(pgNames)) await pgAdmin.drop(name).catch(() => undefined);
    await pgAdmin.end();
  }
  if (!o.keep && exitCode === 0) rmSync(scratch, { recursive: true, force: true });
  else process.stdout.write(`scratch kept: ${scratch}\n`);
}
process.exit(exitCode);
