// What every benchmark command needs around the servers: the repository root, a scratch
// directory, a private copy of the built service, free ports, a timestamp and a progress log.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runCommand } from './proc.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const log = (msg) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** `20261128-200012`: names the result files and the scratch databases of one run. */
export const runStamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

export const makeScratch = () => mkdtempSync(join(tmpdir(), 'scimbridge-bench-'));

export const freePort = () => new Promise((res, rej) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => res(port));
  });
  s.on('error', rej);
});

/** Number of files and newest mtime under `dir`: changes while a build is writing it. */
function treeState(dir) {
  let files = 0;
  let newest = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        files += 1;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  walk(dir);
  return `${files}:${newest}`;
}

/**
 * Copies `dist/` to `<scratch>/app/dist` (running `npm run build` first when it is missing) and
 * returns the copy's path. A private copy, so a rebuild in the work tree cannot change the service
 * mid-run; taken only when `dist/` stayed unchanged for 2 s before and during the copy (someone
 * else's build may be writing it).
 */
export async function copyBuild(scratch) {
  const dist = join(ROOT, 'dist');
  const target = join(scratch, 'app', 'dist');
  for (let attempt = 0; attempt < 60; attempt++) {
    if (!existsSync(join(dist, 'src', 'main.js'))) {
      // Someone else's build may be between deleting and writing it: wait 20 s before building
      // (two concurrent `nest build`s delete each other's output).
      if (attempt === 10) {
        log('dist/ is missing: npm run build');
        await runCommand('npm', ['run', 'build'], { cwd: ROOT }).catch((e) => log(`${e.message}; waiting for dist/`));
      } else await sleep(2000);
      continue;
    }
    try {
      // Stable for 2 s before the copy and unchanged by its end: no build is writing it.
      const before = treeState(dist);
      await sleep(2000);
      if (treeState(dist) !== before) continue;
      rmSync(target, { recursive: true, force: true });
      cpSync(dist, target, { recursive: true, force: true });
      if (treeState(dist) === before && existsSync(join(target, 'src', 'main.js'))) return target;
    } catch {
      // a file vanished under the copy: a build is running; try again
    }
    await sleep(2000);
  }
  throw new Error('dist/ kept changing (a build running elsewhere?); could not take a consistent copy');
}

/**
 * A short digest of a build's JavaScript (every .js file, by path and content): names exactly which
 * build a run measured, since dist/ can lag or lead the commit checked out.
 */
export function buildDigest(dist) {
  const hash = createHash('sha256');
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) hash.update(`${p.slice(dist.length)}\n`).update(readFileSync(p));
    }
  };
  walk(dist);
  return hash.digest('hex').slice(0, 12);
}

/** package.json's start script: `[VAR=value …] node [flags] dist/src/main.js`. */
function productionStart() {
  const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts?.start ?? '';
  const m = /^((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)node\s+(.*?)\s*dist\/src\/main\.js\s*$/.exec(start.trim());
  if (!m) throw new Error(`package.json's start script is not "[VAR=value …] node [flags] dist/src/main.js": ${start}; pass --service-node-args`);
  const env = Object.fromEntries(m[1].split(/\s+/).filter(Boolean).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  return { env, args: m[2] };
}

/** The node flags production starts the service with: those of package.json's start script (as the Dockerfile's CMD). */
export function productionNodeArgs() {
  return productionStart().args;
}

/** The environment production starts the service with: the start script's assignments (the Dockerfile's ENV). */
export function productionEnv() {
  return productionStart().env;
}
