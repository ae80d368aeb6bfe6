import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { TestDatabase } from '../../setup/test-database';

/**
 * Direct SQL on the service's own database, beside the running service (WAL lets a second SQLite
 * connection read; PostgreSQL is a second client). Queries use `?` placeholders on both engines.
 */
export class DbProbe {
  constructor(private readonly db: TestDatabase) {}

  get sqliteFile(): string {
    return join(this.db.config.dataDir, 'scimbridge.sqlite');
  }

  async query<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.db.config.dbEngine === 'sqlite') {
      const conn = new Database(this.sqliteFile);
      try {
        conn.pragma('busy_timeout = 10000');
        const stmt = conn.prepare(sql);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
      } finally {
        conn.close();
      }
    }
    const client = new Client({ connectionString: this.db.config.databaseUrl });
    await client.connect();
    try {
      let i = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const rows = await this.query<{ n: string | number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  }

  /** Membership rows whose member or group no longer exists. */
  dangling(): Promise<number> {
    return this.count(`SELECT COUNT(*) AS n FROM scim_group_member m
      WHERE NOT EXISTS (SELECT 1 FROM scim_user u WHERE u.id = m.member_id AND u.tenant_id = m.tenant_id)
        AND NOT EXISTS (SELECT 1 FROM scim_group g WHERE g.id = m.member_id AND g.tenant_id = m.tenant_id)
         OR NOT EXISTS (SELECT 1 FROM scim_group g WHERE g.id = m.group_id AND g.tenant_id = m.tenant_id)`);
  }

  /** SQLite only: PRAGMA integrity_check and foreign_key_check on the file (run while the service is down). */
  sqliteIntegrity(): { integrity: string; foreignKeyProblems: number } {
    const conn = new Database(this.sqliteFile);
    try {
      const integrity = (conn.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
      return { integrity, foreignKeyProblems: (conn.pragma('foreign_key_check') as unknown[]).length };
    } finally {
      conn.close();
    }
  }
}
