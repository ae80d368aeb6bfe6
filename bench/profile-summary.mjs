#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `npm run bench -- --profile <phase>` or node --cpu-prof):
// self time by area (Nest, Fastify, TypeORM, SQLite, pino, our modules …), time with an area on
// the stack (inclusive), and the top self-time frames.
//   node bench/profile-summary.mjs <file.cpuprofile> [--top 25]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile> [--top N]\n');
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));

const AREAS = [
  [/node_modules\/@nestjs\/core\//, 'Nest core (router, guards, interceptors, pipes)'],
  [/node_modules\/@nestjs\/(platform-fastify|common|passport)\//, 'Nest adapters/common/passport glue'],
  [/node_modules\/(fastify|find-my-way|avvio|@fastify|light-my-request|fast-json-stringify|secure-json-parse|toad-cache)\b/, 'Fastify'],
  [/node_modules\/(passport|passport-http-bearer|passport-strategy)\//, 'passport'],
  [/node_modules\/typeorm\//, 'TypeORM'],
  [/node_modules\/better-sqlite3\//, 'better-sqlite3 (JS side)'],
  [/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-\w+|pgpass)\//, 'pg driver'],
  [/node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|on-exit-leak-free)\b/, 'pino logging'],
  [/node_modules\/prom-client\//, 'prom-client metrics'],
  [/node_modules\/rxjs\//, 'rxjs'],
  [/node_modules\/reflect-metadata\//, 'reflect-metadata'],
  [/node_modules\/undici\//, 'undici'],
  [/node_modules\//, 'other node_modules'],
  [/dist\/src\/audit\//, 'ours: audit'],
  [/dist\/src\/auth\//, 'ours: auth'],
  [/dist\/src\/database\/filter-sql\//, 'ours: filter → SQL'],
  [/dist\/src\/database\/attribute-index\//, 'ours: attribute index'],
  [/dist\/src\/database\//, 'ours: database (runner, list query, writer)'],
  [/dist\/src\/(users|groups)\//, 'ours: users/groups services'],
  [/dist\/src\/observability\//, 'ours: observability'],
  [/dist\/src\/common\//, 'ours: common (mapper, errors, etag, params)'],
  [/dist\/src\//, 'ours: other'],
  [/dist\/libs\/scim-core\//, 'scim-core (schema, filter, patch, projection)'],
  [/^node:|internal\//, 'Node core (http, streams, crypto …)'],
];

function areaOf(node) {
  const { url, functionName } = node.callFrame;
  if (!url) {
    if (/^\((garbage collector|program|idle|root)\)$/.test(functionName)) return functionName;
    if (/^(parse|stringify)$/.test(functionName)) return `JSON.${functionName}`;
    return 'V8/native builtins';
  }
  for (const [re, name] of AREAS) if (re.test(url)) return name;
  return 'other';
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const incl = new Map();
const frames = new Map();
let total = 0;
const { samples, timeDeltas } = profile;
for (let i = 0; i < samples.length; i++) {
  const dt = (timeDeltas[i + 1] ?? timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(samples[i]);
  const area = areaOf(node);
  if (area === '(idle)') continue;
  total += dt;
  self.set(area, (self.get(area) ?? 0) + dt);
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}`;
  frames.set(key, (frames.get(key) ?? 0) + dt);
  const seen = new Set();
  for (let id = node.id; id !== undefined; id = parent.get(id)) {
    const a = areaOf(byId.get(id));
    if (!seen.has(a)) {
      seen.add(a);
      incl.set(a, (incl.get(a) ?? 0) + dt);
    }
  }
}

const pct = (ms) => `${((ms / total) * 100).toFixed(1).padStart(5)}%`;
const rows = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
process.stdout.write(`${file}: ${(total / 1000).toFixed(2)} s of CPU samples (idle excluded)\n\nSelf time by area:\n`);
for (const [a, ms] of rows(self, 40)) process.stdout.write(`  ${pct(ms)}  ${a}\n`);
process.stdout.write('\nOn the stack (inclusive) by area:\n');
for (const [a, ms] of rows(incl, 40)) if (!a.startsWith('(')) process.stdout.write(`  ${pct(ms)}  ${a}\n`);
process.stdout.write(`\nTop ${top} self-time frames:\n`);
for (const [f, ms] of rows(frames, top)) process.stdout.write(`  ${pct(ms)}  ${f}\n`);
