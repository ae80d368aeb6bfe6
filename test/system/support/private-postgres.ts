import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './http';

/**
 * A throw-away PostgreSQL server for outage specs: they stop, kill and freeze it, so they must
 * never touch the machine's shared cluster that other specs use. initdb refuses to run as root,
 * so as root the server runs as the `postgres` system user.
 */
function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, 'bin/initdb'))) return join(base, v, 'bin');
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql');
}

export class PrivatePostgres {
  readonly url: string;
  private readonly bin = binDir();
  private readonly data: string;

  private constructor(private readonly dir: string, readonly port: number) {
    this.data = join(dir, 'data');
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'scimbridge-pg-'));
    const pg = new PrivatePostgres(dir, await freePort());
    if (userInfo().uid === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    pg.run('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    pg.start();
    return pg;
  }

  start(): void {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
    this.run('pg_ctl', ['-D', this.data, '-o', opts, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', 'start']);
  }

  /** `pg_ctl stop -m immediate`: connections are cut, like a crashed or killed server. */
  stopImmediate(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  /** SIGSTOP / SIGCONT every server process: a hung server that accepts TCP but never answers. */
  freeze(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGSTOP');
  }

  thaw(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGCONT');
  }

  destroy(): void {
    try {
      this.thaw();
      this.stopImmediate();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private pids(): number[] {
    const pidFile = join(this.data, 'postmaster.pid');
    if (!existsSync(pidFile)) return [];
    const master = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === master;
      } catch {
        return false;
      }
    });
    return [master, ...children];
  }

  private run(tool: string, args: string[]): void {
    const cmd = join(this.bin, tool);
    const asRoot = userInfo().uid === 0;
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  }
}
