// bench/audit-cost.mjs's figures: pooled percentiles per instance, the overhead of writing the audit
// event (p50 on ÷ p50 off − 1, and the median of the per-round ratios), the correctness and
// audit-trail checks, the verdict, and the Markdown of a run.
import { medianOf, percentile, round } from './stats.mjs';

/** Pooled latencies, errors and CPU of several blocks (rounds) of one instance. */
function pool(blocks) {
  const sorted = blocks.flatMap((b) => b.latencies).sort((a, b) => a - b);
  const n = blocks.reduce((s, b) => s + b.n, 0);
  const wallMs = blocks.reduce((s, b) => s + b.wallMs, 0);
  const cpu = blocks.reduce((s, b) => s + b.cpuMs, 0);
  const written = blocks.reduce((s, b) => s + (b.writtenBytes ?? NaN), 0);
  const dbCpu = blocks.every((b) => b.dbCpuMs !== undefined) ? blocks.reduce((s, b) => s + b.dbCpuMs, 0) : undefined;
  return {
    requests: n, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)), rps: round((n / wallMs) * 1000, 1),
    cpuMsPerReq: round(cpu / (n || 1), 4), writtenKbPerReq: round(written / 1024 / (n || 1), 1), dbCpuMsPerReq: dbCpu === undefined ? undefined : round(dbCpu / (n || 1), 4),
    errors: blocks.reduce((s, b) => s + b.summary.errors, 0), verifyFailures: blocks.reduce((s, b) => s + b.summary.verifyFailures, 0),
    samples: blocks.flatMap((b) => b.summary.samples).slice(0, 5),
  };
}

/** A block as stored in the JSON: its summary and CPU, latencies rounded to µs. */
const slim = (b) => ({
  n: b.n, wallMs: round(b.wallMs, 1), rps: round(b.rps, 1), cpuMs: b.cpuMs, writtenBytes: b.writtenBytes, dbCpuMs: b.dbCpuMs === undefined ? undefined : round(b.dbCpuMs, 1),
  p50: b.summary.p50, p95: b.summary.p95, p99: b.summary.p99, errors: b.summary.errors, verifyFailures: b.summary.verifyFailures,
  samples: b.summary.samples, latencies: b.latencies.map((x) => round(x)),
});

/** What the audit trails must show: one user.updated per answered PATCH on "on", no user events on "off". */
function auditProblems(r) {
  const problems = [];
  const on = r.audit.on;
  const off = r.audit.off;
  if (on.userCreated !== r.options.users) problems.push(`on: ${on.userCreated} user.created events for ${r.options.users} users`);
  if (on.userUpdated !== on.patchesAnswered) problems.push(`on: ${on.userUpdated} user.updated events for ${on.patchesAnswered} PATCHes`);
  if (on.failure !== 0) problems.push(`on: ${on.failure} failure events`);
  if (!on.chainOk) problems.push('on: the hash chain does not verify');
  if (!on.newestUpdate || !on.recentlyPatchedIds.includes(on.newestUpdate.resourceId)) problems.push('on: the newest user.updated event is not one of the last PATCHes');
  else if (!['displayName', 'title'].every((a) => on.newestUpdate.changed.includes(a))) problems.push(`on: the newest event's diff is ${on.newestUpdate.changed.join(', ')}`);
  if (off.userEvents !== 0) problems.push(`off: ${off.userEvents} user events (expected none: its audit writes are disabled)`);
  return problems;
}

export function summariseAuditCost(raw) {
  const names = ['on', 'off'];
  const serial = Object.fromEntries(names.map((n) => [n, pool(raw.rounds.map((r) => r[n]))]));
  const concurrent = Object.fromEntries(names.map((n) => [n, raw.concurrent.length ? pool(raw.concurrent.map((r) => r[n])) : null]));
  const warmup = Object.fromEntries(names.map((n) => [n, pool([raw.warmup[n]])]));
  const ratios = raw.rounds.map((r) => r.ratio);
  const overhead = serial.on.p50 / serial.off.p50 - 1;
  const medianRoundOverhead = medianOf(ratios) - 1;
  const blocks = [...Object.values(raw.warmup), ...raw.rounds.flatMap((r) => [r.on, r.off]), ...raw.concurrent.flatMap((r) => [r.on, r.off])];
  const requestProblems = blocks.filter((b) => b.summary.errors || b.summary.verifyFailures).flatMap((b) => b.summary.samples);
  const problems = [...requestProblems, ...auditProblems(raw)];
  const correct = problems.length === 0;
  const serialCpuOverhead = serial.on.cpuMsPerReq / serial.off.cpuMsPerReq - 1;
  return {
    date: raw.date, db: raw.db, options: raw.options, machine: raw.machine, build: raw.build, seconds: raw.seconds,
    verdict: {
      targetPct: raw.options.targetPct, overheadPct: round(overhead * 100, 1), medianRoundOverheadPct: round(medianRoundOverhead * 100, 1),
      roundOverheadPct: { min: round((Math.min(...ratios) - 1) * 100, 1), max: round((Math.max(...ratios) - 1) * 100, 1) },
      p50DeltaMs: round(serial.on.p50 - serial.off.p50), serialCpuOverheadPct: round(serialCpuOverhead * 100, 1),
      concurrentRpsRatio: concurrent.on ? round(concurrent.on.rps / concurrent.off.rps, 3) : null,
      correct, pass: correct && overhead * 100 <= raw.options.targetPct, problems,
    },
    serial, concurrent, warmup, seeding: raw.seeding, audit: raw.audit, final: raw.final, instrumentation: raw.instrumentation,
    rounds: raw.rounds.map((r) => ({ round: r.round, first: r.first, ratio: round(r.ratio, 4), on: slim(r.on), off: slim(r.off) })),
    concurrentRounds: raw.concurrent.map((r) => ({ round: r.round, first: r.first, on: slim(r.on), off: slim(r.off) })),
  };
}

const fmt = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const pct = (x) => (x === null || x === undefined ? '–' : `${x >= 0 ? '+' : ''}${fmt(x, 1)}%`);

export function renderAuditCost(r) {
  const pg = r.db === 'postgres';
  const m = r.machine;
  const v = r.verdict;
  const { on, off } = r.serial;
  const cpu = (x) => (x ? `${fmt(x.cpuMsPerReq, 3)}${pg ? ` (+${fmt(x.dbCpuMsPerReq, 3)})` : ''}` : '–');
  const lines = [
    `### Audit cost, ${pg ? 'PostgreSQL' : 'SQLite'} — ${r.date.slice(0, 16).replace('T', ' ')} UTC`, '',
    `${m.nproc} cores (${m.cpuModel}), ${m.memGiB} GiB, Node ${m.node}${pg ? `, PostgreSQL ${m.postgres}` : ''}; build ${r.build.digest} (dist/ copied at HEAD ${r.build.commit ?? '?'}`
      + ` with ${r.build.uncommittedFilesInSrcLibs ?? '?'} uncommitted files in src/libs); load ${m.loadAvgAtStart?.split(' ').slice(0, 3).join(' ')} at start,`
      + ` ${m.loadAvgAtEnd?.split(' ').slice(0, 3).join(' ')} at end; ${r.options.users} users; ${r.options.rounds} rounds × ${r.options.perRound} serial PATCHes`
      + ` per instance after ${r.options.warmup} warm-up; ${r.options.concRounds} × ${r.options.concRequests} at concurrency ${r.options.concurrency};`
      + ` node flags of both instances: ${r.options.serviceNodeArgs || 'none'}; run ${r.seconds} s.`, '',
    `| user PATCH (displayName + title) | audit on | audit off | on ÷ off |`,
    '|---|---:|---:|---:|',
    `| serial: requests | ${on.requests} | ${off.requests} | |`,
    `| serial: p50 ms | ${fmt(on.p50, 3)} | ${fmt(off.p50, 3)} | ${fmt(on.p50 / off.p50, 3)} |`,
    `| serial: p95 / p99 ms | ${fmt(on.p95)} / ${fmt(on.p99)} | ${fmt(off.p95)} / ${fmt(off.p99)} | ${fmt(on.p95 / off.p95)} / ${fmt(on.p99 / off.p99)} |`,
    `| serial: mean ms | ${fmt(on.mean, 3)} | ${fmt(off.mean, 3)} | ${fmt(on.mean / off.mean, 3)} |`,
    `| serial: server CPU ms/PATCH${pg ? ' (+ PostgreSQL backends)' : ''} | ${cpu(on)} | ${cpu(off)} | ${fmt(on.cpuMsPerReq / off.cpuMsPerReq, 3)} |`,
    `| serial: KB written by the server process per PATCH (write calls: ${pg ? 'sockets incl. the SQL sent, log; PostgreSQL writes its own WAL' : 'WAL, checkpoints, sockets, log'}) | ${fmt(on.writtenKbPerReq, 1)} | ${fmt(off.writtenKbPerReq, 1)} | ${fmt(on.writtenKbPerReq / off.writtenKbPerReq)} |`,
  ];
  const c = r.concurrent;
  if (c.on) {
    lines.push(`| concurrency ${r.options.concurrency}: req/s | ${fmt(c.on.rps, 0)} | ${fmt(c.off.rps, 0)} | ${fmt(c.on.rps / c.off.rps, 3)} |`);
    lines.push(`| concurrency ${r.options.concurrency}: p50 / p95 ms | ${fmt(c.on.p50)} / ${fmt(c.on.p95)} | ${fmt(c.off.p50)} / ${fmt(c.off.p95)} | ${fmt(c.on.p50 / c.off.p50)} / ${fmt(c.on.p95 / c.off.p95)} |`);
    lines.push(`| concurrency ${r.options.concurrency}: server CPU ms/PATCH | ${cpu(c.on)} | ${cpu(c.off)} | ${fmt(c.on.cpuMsPerReq / c.off.cpuMsPerReq, 3)} |`);
  }
  const errs = (n) => [r.warmup[n], r.serial[n], c[n]].filter(Boolean).map((x) => `${x.errors}+${x.verifyFailures}`).join(', ');
  lines.push(`| errors + verification failures (warm-up, serial, concurrent) | ${errs('on')} | ${errs('off')} | |`, '');
  lines.push(`**Overhead of the audit write on the median PATCH: ${pct(v.overheadPct)}** (${fmt(on.p50, 3)} vs ${fmt(off.p50, 3)} ms, +${fmt(v.p50DeltaMs, 3)} ms;`
    + ` target ≤ ${v.targetPct}%: ${v.pass ? 'pass' : '**FAIL**'}). Median of the per-round p50 ratios: ${pct(v.medianRoundOverheadPct)}`
    + ` (rounds ${pct(v.roundOverheadPct.min)} … ${pct(v.roundOverheadPct.max)}). Server CPU per serial PATCH: ${pct(v.serialCpuOverheadPct)}.`, '');
  lines.push('| round | first | p50 on ms | p50 off ms | on ÷ off |', '|---:|---|---:|---:|---:|');
  for (const x of r.rounds) lines.push(`| ${x.round} | ${x.first} | ${fmt(x.on.p50, 3)} | ${fmt(x.off.p50, 3)} | ${fmt(x.ratio, 3)} |`);
  const a = r.audit;
  lines.push('', `Audit trails: on — ${a.on.userCreated} user.created, ${a.on.userUpdated} user.updated for ${a.on.patchesAnswered} PATCHes answered,`
    + ` ${a.on.failure} failures, chain ${a.on.chainOk ? 'verifies' : 'BROKEN'} (${a.on.chainChecked} events); off — ${a.off.userEvents} user events for`
    + ` ${a.off.patchesAnswered} PATCHes (${a.off.total} events in all).`);
  lines.push(v.correct ? 'Correctness: every response and both audit trails as expected.' : `**Correctness problems:** ${v.problems.join('; ')}`, '');
  if (r.instrumentation) lines.push(...renderInstrumentation(r), '');
  return lines.join('\n');
}

/** The --timing rows as µs per serial PATCH, "on" beside "off"; --profile files. */
function renderInstrumentation(r) {
  const ins = r.instrumentation;
  const lines = [`Instrumented run (${[r.options.profile && 'V8 profile', r.options.timing && 'timing'].filter(Boolean).join(', ')}): the figures above`
    + ' include the instrumentation\'s own cost and are not for the verdict.'];
  for (const [name, files] of Object.entries(ins.files)) lines.push(`${name}: ${files.join(', ')}`);
  if (!ins.timing.on) return lines;
  const n = ins.patchesPerInstance;
  const off = new Map((ins.timing.off ?? []).map((x) => [x.key, x]));
  lines.push('', `Wall time per serial PATCH (${n} per instance), by function and SQL statement (nested: recordChange contains the rest of the audit rows):`, '');
  lines.push('| what | on: µs per PATCH (calls per PATCH) | off: µs per PATCH (calls per PATCH) |', '|---|---:|---:|');
  const keys = [...new Set([...ins.timing.on.map((x) => x.key), ...off.keys()])];
  const on = new Map(ins.timing.on.map((x) => [x.key, x]));
  const cell = (x) => (x ? `${fmt(x.totalUs / n, 1)} (${fmt(x.calls / n, 2)})` : '–');
  keys.sort((a, b) => (on.get(b)?.totalUs ?? off.get(b)?.totalUs ?? 0) - (on.get(a)?.totalUs ?? off.get(a)?.totalUs ?? 0));
  for (const k of keys.slice(0, 30)) lines.push(`| ${k.replace(/\|/g, '\\|')} | ${cell(on.get(k))} | ${cell(off.get(k))} |`);
  return lines;
}
