import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction-runner';

export interface MemberRow {
  group_id: string;
  member_id: string;
  member_type: 'User' | 'Group';
  /** members.display: the member user's displayName or the member group's displayName (null when it has none). */
  display: string | null;
}

/** Bind parameters per statement, far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Membership rows. Every change touches only the rows named, so adding one member to a
 * 100,000-member group costs what it costs for an empty group (DESIGN.md §5).
 */
@Injectable()
export class GroupMembersRepository {
  /**
   * Which of these ids are users or groups of the tenant (unknown and cross-tenant ids are absent).
   * On PostgreSQL the rows found stay key-share locked until the transaction ends, as a foreign key
   * check would lock them: a DELETE of such a user or group (which locks it FOR UPDATE) waits for
   * this membership to commit and then removes it, or wins and the id resolves as absent here.
   * Without the lock a DELETE committing between this check and the insert left a membership of
   * a deleted user (found by the reliability suite, test/reliability/c1-concurrency C5).
   */
  async resolve(db: Db, tenantId: string, ids: string[]): Promise<Map<string, 'User' | 'Group'>> {
    const found = new Map<string, 'User' | 'Group'>();
    const lock = db.dialect === 'postgres' ? ' ORDER BY id FOR KEY SHARE' : '';
    // The primary key finds the ids, the tenant is checked on the rows found: on SQLite the unary
    // `+` keeps the planner off the (tenant_id, …) indexes, which it otherwise picked, scanning
    // every user of the tenant per member batch (≈ 10 ms at 100,000 users, docs/BENCHMARKS.md).
    const tenant = db.dialect === 'sqlite' ? '+tenant_id' : 'tenant_id';
    for (const part of chunks([...new Set(ids)])) {
      for (const [table, t] of [['scim_user', 'User'], ['scim_group', 'Group']] as const) {
        const rows = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id IN (${marks(part.length)}) AND ${tenant} = ?${lock}`, [...part, tenantId]);
        for (const r of rows) found.set(r.id, t);
      }
    }
    return found;
  }

  /** Idempotent insert (ON CONFLICT DO NOTHING on both engines); returns the rows added. */
  async add(db: Db, tenantId: string, groupId: string, members: Array<{ id: string; type: 'User' | 'Group' }>, now: string): Promise<number> {
    let added = 0;
    for (const part of chunks(members)) {
      const values = part.map(() => '(?, ?, ?, ?, ?)').join(', ');
      const params = part.flatMap((m) => [groupId, m.id, tenantId, m.type, now]);
      added += await db.execute(
        `INSERT INTO scim_group_member (group_id, member_id, tenant_id, member_type, created_at) VALUES ${values}
         ON CONFLICT (group_id, member_id) DO NOTHING`, params);
    }
    return added;
  }

  async remove(db: Db, tenantId: string, groupId: string, memberIds: string[]): Promise<number> {
    let removed = 0;
    for (const part of chunks(memberIds)) {
      removed += await db.execute(`DELETE FROM scim_group_member WHERE tenant_id = ? AND group_id = ? AND member_id IN (${marks(part.length)})`,
        [tenantId, groupId, ...part]);
    }
    return removed;
  }

  removeAll(db: Db, tenantId: string, groupId: string): Promise<number> {
    return db.execute('DELETE FROM scim_group_member WHERE tenant_id = ? AND group_id = ?', [tenantId, groupId]);
  }

  /**
   * Members of a page of groups, in a stable order, with members.display taken from the same place
   * the filter compiler reads it (filter-sql/membership-predicates.ts), so what a filter on
   * members.display matches is what GET shows.
   */
  list(db: Db, tenantId: string, groupIds: string[]): Promise<MemberRow[]> {
    if (groupIds.length === 0) return Promise.resolve([]);
    return db.query<MemberRow>(membersSql(groupIds.length), [tenantId, ...groupIds]);
  }

  /**
   * The rows of `list`, handed to `each` in that order without ever holding them all, so that
   * rendering a 50,000-member group keeps a few row objects alive, not 50,000 (which V8 would
   * promote to its old generation and keep reserved, docs/BENCHMARKS.md "Memory"):
   * - SQLite: better-sqlite3's iterate(), one row at a time, synchronously (nothing else can use
   *   the connection meanwhile: the caller holds a scheduler task and this does not yield).
   * - PostgreSQL in a transaction (TransactionRunner.snapshot): a cursor, FETCH_ROWS at a time,
   *   all from the transaction's snapshot.
   * - PostgreSQL otherwise: the one query of `list`.
   * `withDisplay: false` (a projection without members.display) skips the display lookups, most of
   * the query's cost for a large group; display is then null.
   */
  async forEach(db: Db, tenantId: string, groupIds: string[], each: (row: MemberRow) => void, withDisplay = true): Promise<void> {
    if (groupIds.length === 0) return;
    const sql = membersSql(groupIds.length, withDisplay);
    const params = [tenantId, ...groupIds];
    if (db.forEachSqlite(sql, params, each)) return;
    if (db.dialect === 'postgres' && db.manager.queryRunner?.isTransactionActive) return fetchPostgres(db, sql, params, each);
    for (const row of await db.query<MemberRow>(sql, params)) each(row);
  }
}

async function fetchPostgres(db: Db, sql: string, params: unknown[], each: (row: MemberRow) => void): Promise<void> {
  // The cursor reads the transaction's snapshot; it is closed before the transaction ends.
  await db.query(`DECLARE scim_group_members NO SCROLL CURSOR FOR ${sql}`, params);
  for (let more = true; more;) {
    const rows = await db.query<MemberRow>(`FETCH ${FETCH_ROWS} FROM scim_group_members`);
    for (const row of rows) each(row);
    more = rows.length === FETCH_ROWS;
  }
  await db.query('CLOSE scim_group_members');
}

/** Rows per FETCH: a few hundred KB of row objects, and few round trips (25 for 50,000 members). */
const FETCH_ROWS = 2_000;

/**
 * A join, not a correlated subquery per member: PostgreSQL then picks a hash join for a large
 * group (one pass over the display-name rows: 50,000 members in ≈ 0.25 s instead of ≈ 0.65 s)
 * and the same index lookups as before for a small one; SQLite runs it as before (the LEFT JOIN
 * keeps the members outermost). The primary key (resource_id, path, elem) makes it one row per member.
 */
function membersSql(groups: number, withDisplay = true): string {
  const filterAndOrder = `WHERE m.tenant_id = ? AND m.group_id IN (${marks(groups)}) ORDER BY m.group_id, m.created_at, m.member_id`;
  if (!withDisplay) return `SELECT m.group_id, m.member_id, m.member_type, NULL AS display FROM scim_group_member m ${filterAndOrder}`;
  return `SELECT m.group_id, m.member_id, m.member_type,
         CASE WHEN m.member_type = 'User' THEN d.value_str
           ELSE (SELECT h.display_name FROM scim_group h WHERE h.id = m.member_id) END AS display
        FROM scim_group_member m
        LEFT JOIN scim_attribute_value d ON d.resource_id = m.member_id AND d.path = 'displayname' AND d.elem = 0
        ${filterAndOrder}`;
}
