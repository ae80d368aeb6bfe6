// Server processes: start, wait for the Tenant URL, CPU time and RSS from /proc, stop.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** utime + stime of a process in ms, or undefined when it is gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Resident set size in MB (VmRSS). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

export function hwmMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a server with stdout/stderr to `logFile` and waits until the log shows `Tenant URL: …`.
 * Returns { proc, pid, tenantUrl }.
 */
export async function startServer({ name, command, args, env, cwd, logFile, timeoutMs = 60_000 }) {
  const fd = openSync(logFile, 'a');
  const proc = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
  let exited;
  proc.on('exit', (code, signal) => (exited = { code, signal }));
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (exited) throw new Error(`${name} exited during start-up (${JSON.stringify(exited)}); see ${logFile}`);
    const m = /Tenant URL: (\S+)/.exec(readFileSync(logFile, 'utf8'));
    if (m && /listening/i.test(readFileSync(logFile, 'utf8'))) return { proc, pid: proc.pid, tenantUrl: m[1] };
    await sleep(100);
  }
  proc.kill('SIGKILL');
  throw new Error(`${name} did not start within ${timeoutMs} ms; see ${logFile}`);
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopServer(proc, graceMs = 15_000) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const done = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** Runs a command to completion; rejects on a non-zero exit. */
export function runCommand(command, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(command, args, { stdio: opts.stdio ?? 'inherit', ...opts });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
    p.on('error', reject);
  });
}

/** Bytes the process has written so far (`wchar` of /proc/<pid>/io: write calls, WAL frames included), or undefined. */
export function writtenBytes(pid) {
  try {
    const m = /^wchar:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
