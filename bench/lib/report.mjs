// The machine description, the issue-7 target checks and the Markdown table of a run.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export function machineInfo() {
  const sh = (c) => {
    try {
      return execSync(c, { encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  return {
    nproc: Number(sh('nproc')) || cpus().length, cpuModel: model, memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version, loadAvgAtEnd: sh('cat /proc/loadavg'), kernel: sh('uname -r'),
    postgres: sh("psql -h 127.0.0.1 -U postgres -Atc 'show server_version' 2>/dev/null"),
  };
}

const ratio = (a, b) => (a !== null && a !== undefined && b ? Math.round((a / b) * 100) / 100 : null);
const fmt = (x, d = 2) => (x === null || x === undefined ? '–' : Number(x).toFixed(d));

/** The issue-7 targets, computed from a run. */
export function evaluateTargets(r) {
  const P = r.phases;
  const svc = (p) => P[p]?.service;
  const ref = (p) => P[p]?.reference;
  const out = [];
  const add = (name, value, limit, pass, note) => out.push({ name, value, limit, pass: value === null || value === undefined ? null : pass, note });
  const failing = Object.entries(P).filter(([, v]) => v.service && (v.service.errors || v.service.verifyFailures)).map(([k]) => k);
  add('correctness: 0 errors, 0 verification failures (service)', failing.length, '= 0', failing.length === 0, failing.join(', ') || undefined);
  const refFailing = Object.entries(P).filter(([, v]) => v.reference && (v.reference.errors || v.reference.verifyFailures)).map(([k]) => k);
  add('correctness: same checks pass on the reference', refFailing.length, '= 0', refFailing.length === 0, refFailing.join(', ') || undefined);
  const biggest = ['100k', '10k'].find((s) => P[`f.userName.${s}.conc`]);
  if (biggest) {
    const v = ratio(svc(`f.userName.${biggest}.conc`)?.rps, ref(`f.userName.${biggest}.conc`)?.rps);
    add(`userName eq @${biggest} concurrent, req/s vs reference`, v, '≥ 0.60', v >= 0.6);
  }
  if (P['f.userName.100k.serial'] && P['f.userName.10k.serial']) {
    const v = ratio(svc('f.userName.100k.serial').p50, svc('f.userName.10k.serial').p50);
    add('userName eq serial p50 @100k ÷ @10k', v, '≤ 1.20', v <= 1.2, `reference: ${fmt(ratio(ref('f.userName.100k.serial').p50, ref('f.userName.10k.serial').p50))}`);
  }
  for (const [p, label] of [['a.initial-sync', 'initial sync (a)'], ['c.incremental', 'incremental (c)'], ['b.groups', 'groups (b)']]) {
    const v = ratio(svc(p)?.rps, ref(p)?.rps);
    add(`${label}, req/s vs reference`, v, '≥ 0.50', v >= 0.5);
  }
  for (const [label, d] of Object.entries(r.extra?.service ?? {}).filter(([k]) => k.startsWith('d.'))) {
    const m = label.slice(2);
    add(`large group M=${m}: add latency last tenth ÷ first tenth`, Math.round(d.flatness * 100) / 100, '≤ 1.50', d.flatness <= 1.5);
    const rm = svc(`d.${m}.remove-1`)?.p50;
    const get = svc(`d.${m}.get-excl-members`)?.p50;
    const scored = m === '50k';
    add(`large group M=${m}: remove one member p50 ms`, rm, '≤ 5', rm <= 5, scored ? undefined : 'the target is at M=50k');
    add(`large group M=${m}: GET excludedAttributes=members p50 ms`, get, '≤ 2', get <= 2, scored ? undefined : 'the target is at M=50k');
  }
  for (const p of ['e.paging-index', 'e.paging-cursor']) {
    const s = svc(p);
    if (s) add(`${p.slice(2)} through ${r.options.big || r.options.users} users: p99 ÷ p50`, ratio(s.p99, s.p50), '≤ 3', s.p99 <= 3 * s.p50);
  }
  if (r.db === 'sqlite') add('service RSS after all phases, MB', r.final?.service?.rssMb, '≤ 150', r.final?.service?.rssMb <= 150);
  return out;
}

export function renderMarkdown(r) {
  const lines = [];
  const m = r.machine;
  lines.push(`### ${r.db === 'postgres' ? 'PostgreSQL' : 'SQLite'} — ${r.date.slice(0, 16).replace('T', ' ')} UTC`);
  lines.push('');
  lines.push(`${m.nproc} cores (${m.cpuModel}), ${m.memGiB} GiB, Node ${m.node}${r.db === 'postgres' ? `, PostgreSQL ${m.postgres}` : ''}; `
    + `${r.options.users} users synced over HTTP${r.options.big ? `, seeded to ${r.options.big}` : ''}; concurrency ${r.options.concurrency}; run ${r.seconds} s; load at end ${m.loadAvgAtEnd?.split(' ').slice(0, 3).join(' ')}.`);
  lines.push('');
  const db = r.db === 'postgres';
  lines.push(`| phase | requests | service req/s | reference req/s | ratio | service p50 / p95 / p99 ms | reference p50 / p95 / p99 ms | CPU ms/req service / reference${db ? ' (+ PostgreSQL backends)' : ''} | service RSS MB | errors / verify failures (service, reference) |`);
  lines.push('|---|---:|---:|---:|---:|---|---|---|---:|---|');
  for (const [phase, v] of Object.entries(r.phases)) {
    const s = v.service ?? {};
    const f = v.reference ?? {};
    const cpu = (x) => `${fmt(x.cpuMsPerReq, 3)}${db ? ` (+${fmt(x.dbCpuMsPerReq, 3)})` : ''}`;
    lines.push(`| ${phase} | ${s.requests ?? '–'} | ${fmt(s.rps, 0)} | ${fmt(f.rps, 0)} | ${fmt(ratio(s.rps, f.rps))} | ${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} | ${fmt(f.p50)} / ${fmt(f.p95)} / ${fmt(f.p99)} | ${cpu(s)} / ${cpu(f)} | ${fmt(s.rssMb, 0)} | ${s.errors ?? '–'}+${s.verifyFailures ?? '–'}, ${f.errors ?? '–'}+${f.verifyFailures ?? '–'} |`);
  }
  lines.push('');
  const d = Object.entries(r.extra?.service ?? {}).filter(([k]) => k.startsWith('d.'));
  for (const [k, x] of d) {
    const rf = r.extra?.reference?.[k];
    lines.push(`Large group ${k.slice(2)}: ${x.batches} batches of 50; add p50 first tenth ${fmt(x.firstTenthP50)} ms, last tenth ${fmt(x.lastTenthP50)} ms (×${fmt(x.flatness)}); reference ×${fmt(rf?.flatness)}.`);
  }
  lines.push(`Final RSS: service ${fmt(r.final?.service?.rssMb, 0)} MB (peak ${fmt(r.final?.service?.peakRssMb, 0)}), reference ${fmt(r.final?.reference?.rssMb, 0)} MB (peak ${fmt(r.final?.reference?.peakRssMb, 0)}).`);
  lines.push('');
  lines.push('| target (issue 7) | value | limit | |');
  lines.push('|---|---:|---|---|');
  for (const t of r.targets ?? []) lines.push(`| ${t.name} | ${t.value ?? '–'} | ${t.limit} | ${t.pass === null ? 'n/a' : t.pass ? 'pass' : '**FAIL**'}${t.note ? ` (${t.note})` : ''} |`);
  lines.push('');
  return lines.join('\n');
}
