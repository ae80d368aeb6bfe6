#!/usr/bin/env node
// `npm run test:reliability [-- --full] [-- --engine sqlite|postgres] [-- <jest args>]`
// Runs the reliability suite (test/reliability, docs/RELIABILITY.md) against the built service on
// SQLite and then on PostgreSQL: PR tier by default, full tier with --full. Builds first when
// dist/ is missing or older than src/ or libs/, then runs a snapshot of dist/ so that a rebuild in
// the same tree during a long run cannot pull the files away. Prints the duration per engine and
// the figures the specs recorded.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const full = args.includes('--full');
const engineArg = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : undefined;
const jestArgs = args.filter((a, i) => a !== '--full' && a !== '--engine' && args[i - 1] !== '--engine');
const engines = engineArg ? [engineArg] : ['sqlite', 'postgres'];

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const main = join(ROOT, 'dist/src/main.js');
if (!existsSync(main) || Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'libs'))) > statSync(main).mtimeMs) {
  console.log('dist/ is missing or stale: npm run build');
  if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const runDir = process.env.RELIABILITY_RUN_DIR || mkdtempSync(join(tmpdir(), 'scimbridge-reliability-'));
const snapshot = join(ROOT, 'node_modules/.cache/scimbridge-reliability', `run-${process.pid}`);
cpSync(join(ROOT, 'dist'), snapshot, { recursive: true });

const results = [];
try {
  for (const engine of engines) {
    const started = Date.now();
    const out = join(runDir, `jest-${engine}.json`);
    const r = spawnSync('npx', ['jest', '-c', 'test/reliability/jest.config.js', '--json', '--outputFile', out, ...jestArgs], {
      cwd: ROOT, stdio: 'inherit',
      env: { ...process.env, DB_ENGINE: engine, RELIABILITY_TIER: full ? 'full' : 'pr', RELIABILITY_RUN_DIR: runDir, RELIABILITY_MAIN_JS: join(snapshot, 'src/main.js') },
    });
    const json = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
    results.push({ engine, seconds: Math.round((Date.now() - started) / 1000), passed: json.numPassedTests ?? 0, failed: (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0), status: r.status });
  }
} finally {
  rmSync(snapshot, { recursive: true, force: true });
  rmSync(join(runDir, 'secrets.txt'), { force: true }); // test-only tokens; logs and figures stay
}

console.log(`\nReliability suite, ${full ? 'full' : 'PR'} tier — run directory ${runDir}`);
for (const r of results) console.log(`  ${r.engine.padEnd(9)} ${String(r.seconds).padStart(5)} s   ${r.passed} passed, ${r.failed} failed`);
const figures = join(runDir, 'figures.ndjson');
if (existsSync(figures)) console.log(`  figures: ${figures}`);
if (existsSync(join(runDir, 'problems.txt'))) console.log(`  problems: ${join(runDir, 'problems.txt')}`);
process.exit(results.every((r) => r.status === 0 && r.failed === 0) ? 0 : 1);
