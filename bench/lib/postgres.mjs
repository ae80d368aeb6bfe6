// Scratch PostgreSQL databases for `--db postgres` (127.0.0.1:5432, trust auth, user postgres),
// and the CPU time of their backend processes (the database's share of a request's cost).
import pg from 'pg';
import { cpuMs } from './proc.mjs';

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const dbUrl = (name) => {
  const u = new URL(PG_ADMIN_URL);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') throw new Error('the benchmark only uses a local PostgreSQL');
  u.pathname = `/${name}`;
  return u.toString();
};

export class PgAdmin {
  constructor() {
    this.client = new pg.Client({ connectionString: PG_ADMIN_URL });
  }

  async connect() {
    await this.client.connect();
    return this;
  }

  async create(name) {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
    await this.client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await this.client.query(`CREATE DATABASE ${name}`);
    return dbUrl(name);
  }

  async drop(name) {
    await this.client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  async analyze(name) {
    const c = new pg.Client({ connectionString: dbUrl(name) });
    await c.connect();
    try {
      await c.query('VACUUM ANALYZE');
    } finally {
      await c.end();
    }
  }

  /** pid → CPU ms of every backend connected to `name`. */
  async backendCpu(name) {
    const { rows } = await this.client.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
    const out = new Map();
    for (const r of rows) {
      const ms = cpuMs(r.pid);
      if (ms !== undefined) out.set(r.pid, ms);
    }
    return out;
  }

  /** CPU the backends of `name` spent between two snapshots (backends that exited meanwhile are lost). */
  static delta(before, after) {
    let ms = 0;
    for (const [pid, v] of after) ms += v - (before.get(pid) ?? 0);
    return ms;
  }

  end() {
    return this.client.end();
  }
}
