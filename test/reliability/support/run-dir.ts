import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One directory per suite run (created by global-setup.ts, RELIABILITY_RUN_DIR): every spawned
 * server's stdout+stderr and every secret the suite handled (tokens, client secrets, canary
 * passwords), so the last spec can check that no log line of the whole run holds a secret (H1).
 */
export function runDir(): string {
  if (!process.env.RELIABILITY_RUN_DIR) process.env.RELIABILITY_RUN_DIR = mkdtempSync(join(tmpdir(), 'scimbridge-reliability-'));
  const dir = process.env.RELIABILITY_RUN_DIR;
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return dir;
}

/** Remembers a secret value the logs must never contain. */
export function recordSecret(value: string | undefined): void {
  if (value && value.length >= 12) appendFileSync(join(runDir(), 'secrets.txt'), `${JSON.stringify(value)}\n`);
}

export function recordedSecrets(): string[] {
  try {
    return readFileSync(join(runDir(), 'secrets.txt'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string);
  } catch {
    return [];
  }
}

/** Writes (or rewrites) one server's captured output. */
export function persistLog(name: string, lines: string[]): void {
  writeFileSync(join(runDir(), 'logs', `${name}.log`), `${lines.join('\n')}\n`);
}

export function persistedLogs(): Array<{ name: string; lines: string[] }> {
  const dir = join(runDir(), 'logs');
  return readdirSync(dir).sort().map((name) => ({ name, lines: readFileSync(join(dir, name), 'utf8').split('\n') }));
}

/** Figures a spec reports for docs/RELIABILITY.md (printed at the end by the runner). */
export function recordFigure(spec: string, figure: Record<string, unknown>): void {
  appendFileSync(join(runDir(), 'figures.ndjson'), `${JSON.stringify({ spec, at: new Date().toISOString(), ...figure })}\n`);
}

/** A campaign's problems, kept in full in the run directory (the assertion shows the first few). */
export function recordProblems(spec: string, problems: string[]): void {
  if (problems.length) appendFileSync(join(runDir(), 'problems.txt'), `## ${spec}\n${problems.join('\n')}\n`);
}
