// Storage of the bare reference server: the same tables and indexes the service has for the
// benchmarked paths (users with a unique per-tenant lower(userName), an externalId index, a
// (created_at, id) paging index; groups; one row per membership), on better-sqlite3 or pg.
// Every statement is parameterised; the SQLite store runs each operation (and each transaction)
// synchronously, the PostgreSQL store uses a pool of 10 (like the service) and named statements.

const TABLES = [
  `CREATE TABLE tenant (id VARCHAR(36) PRIMARY KEY, name VARCHAR(200) NOT NULL)`,
  `CREATE TABLE api_token (id VARCHAR(36) PRIMARY KEY, tenant_id VARCHAR(36) NOT NULL, token_digest VARCHAR(64) NOT NULL)`,
  `CREATE UNIQUE INDEX uq_api_token_digest ON api_token (token_digest)`,
  `CREATE TABLE scim_user (id VARCHAR(36) PRIMARY KEY, tenant_id VARCHAR(36) NOT NULL, user_name VARCHAR(512) NOT NULL,
     user_name_ci VARCHAR(512) NOT NULL, external_id VARCHAR(512), active INTEGER NOT NULL, version INTEGER NOT NULL,
     created_at VARCHAR(32) NOT NULL, updated_at VARCHAR(32) NOT NULL, doc TEXT NOT NULL)`,
  `CREATE UNIQUE INDEX uq_scim_user_name_ci ON scim_user (tenant_id, user_name_ci)`,
  `CREATE INDEX ix_scim_user_external_id ON scim_user (tenant_id, external_id)`,
  `CREATE INDEX ix_scim_user_created ON scim_user (tenant_id, created_at, id)`,
  `CREATE TABLE scim_group (id VARCHAR(36) PRIMARY KEY, tenant_id VARCHAR(36) NOT NULL, display_name VARCHAR(512) NOT NULL,
     display_name_ci VARCHAR(512) NOT NULL, external_id VARCHAR(512), version INTEGER NOT NULL,
     created_at VARCHAR(32) NOT NULL, updated_at VARCHAR(32) NOT NULL, doc TEXT NOT NULL)`,
  `CREATE UNIQUE INDEX uq_scim_group_name_ci ON scim_group (tenant_id, display_name_ci)`,
  `CREATE INDEX ix_scim_group_created ON scim_group (tenant_id, created_at, id)`,
  `CREATE TABLE scim_group_member (group_id VARCHAR(36) NOT NULL, member_id VARCHAR(36) NOT NULL, tenant_id VARCHAR(36) NOT NULL,
     member_type VARCHAR(8) NOT NULL, created_at VARCHAR(32) NOT NULL, PRIMARY KEY (group_id, member_id))`,
  `CREATE INDEX ix_scim_group_member_member ON scim_group_member (tenant_id, member_id)`,
];

const USER_COLS = 'id, tenant_id, user_name, user_name_ci, external_id, active, version, created_at, updated_at, doc';
const GROUP_COLS = 'id, tenant_id, display_name, display_name_ci, external_id, version, created_at, updated_at, doc';

/** The statements, written once with `?` and numbered for PostgreSQL. */
const SQL = {
  auth: 'SELECT tenant_id FROM api_token WHERE token_digest = ?',
  userById: `SELECT ${USER_COLS} FROM scim_user WHERE tenant_id = ? AND id = ?`,
  userByNameCi: `SELECT ${USER_COLS} FROM scim_user WHERE tenant_id = ? AND user_name_ci = ?`,
  usersByExternalId: `SELECT ${USER_COLS} FROM scim_user WHERE tenant_id = ? AND external_id = ?`,
  countUsers: 'SELECT count(*) AS n FROM scim_user WHERE tenant_id = ?',
  pageUsers: `SELECT ${USER_COLS} FROM scim_user WHERE tenant_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?`,
  firstUsers: `SELECT ${USER_COLS} FROM scim_user WHERE tenant_id = ? ORDER BY created_at, id LIMIT ?`,
  afterUsers: `SELECT ${USER_COLS} FROM scim_user WHERE tenant_id = ? AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?`,
  insertUser: `INSERT INTO scim_user (${USER_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateUser: 'UPDATE scim_user SET user_name = ?, user_name_ci = ?, external_id = ?, active = ?, version = ?, updated_at = ?, doc = ? WHERE tenant_id = ? AND id = ?',
  groupById: `SELECT ${GROUP_COLS} FROM scim_group WHERE tenant_id = ? AND id = ?`,
  groupByNameCi: `SELECT ${GROUP_COLS} FROM scim_group WHERE tenant_id = ? AND display_name_ci = ?`,
  insertGroup: `INSERT INTO scim_group (${GROUP_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  touchGroup: 'UPDATE scim_group SET display_name = ?, display_name_ci = ?, doc = ?, version = version + 1, updated_at = ? WHERE tenant_id = ? AND id = ?',
  membersOf: 'SELECT member_id, member_type FROM scim_group_member WHERE tenant_id = ? AND group_id = ? ORDER BY created_at, member_id',
  removeMember: 'DELETE FROM scim_group_member WHERE tenant_id = ? AND group_id = ? AND member_id = ?',
  removeAllMembers: 'DELETE FROM scim_group_member WHERE tenant_id = ? AND group_id = ?',
};

/** The groups of a page of users in one query (User.groups, RFC 7643 §4.1.2). */
const groupsOfUsersSql = (n) => `SELECT m.member_id, m.group_id, g.display_name FROM scim_group_member m JOIN scim_group g ON g.id = m.group_id
  WHERE m.tenant_id = ? AND m.member_id IN (${marks(n)}) ORDER BY g.display_name_ci, g.id`;

const marks = (n) => Array.from({ length: n }, () => '?').join(', ');
const userRowParams = (r) => [r.id, r.tenant_id, r.user_name, r.user_name_ci, r.external_id, r.active, r.version, r.created_at, r.updated_at, r.doc];
const groupRowParams = (r) => [r.id, r.tenant_id, r.display_name, r.display_name_ci, r.external_id, r.version, r.created_at, r.updated_at, r.doc];

export class ConflictError extends Error {}

/** Stable order of a (small) match list, sorted here so the planner keeps to the external_id index. */
const byCreation = (rows) => rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1));

const isUniqueViolation = (e) => e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';

/** better-sqlite3, same pragmas as the service (WAL, synchronous FULL, busy timeout). */
export async function openSqliteStore(file) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const fresh = !db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'scim_user'").get();
  if (fresh) db.transaction(() => TABLES.forEach((t) => db.exec(t)))();
  const st = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)]));
  const memberInsert = new Map();
  const insertMembers = (n) => {
    if (!memberInsert.has(n)) {
      memberInsert.set(n, db.prepare(`INSERT INTO scim_group_member (group_id, member_id, tenant_id, member_type, created_at)
        VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (group_id, member_id) DO NOTHING`));
    }
    return memberInsert.get(n);
  };
  const existing = new Map();
  const existingIds = (n) => {
    if (!existing.has(n)) existing.set(n, db.prepare(`SELECT id FROM scim_user WHERE id IN (${marks(n)}) AND +tenant_id = ?`)); // the PK, not a tenant scan
    return existing.get(n);
  };
  const groupsStmts = new Map();
  const groupsOfUsers = (t, ids) => {
    if (ids.length === 0) return [];
    if (!groupsStmts.has(ids.length)) groupsStmts.set(ids.length, db.prepare(groupsOfUsersSql(ids.length)));
    return groupsStmts.get(ids.length).all(t, ...ids);
  };
  const uniq = (fn) => {
    try {
      return fn();
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(e.message);
      throw e;
    }
  };

  const patchGroup = db.transaction((tenantId, id, plan, now) => {
    const g = st.groupById.get(tenantId, id);
    if (!g) return undefined;
    if (plan.removeAll) st.removeAllMembers.run(tenantId, id);
    for (const m of plan.remove) st.removeMember.run(tenantId, id, m);
    if (plan.add.length) {
      const ids = [...new Set(plan.add)];
      const found = existingIds(ids.length).all(...ids, tenantId).map((r) => r.id);
      if (found.length) insertMembers(found.length).run(...found.flatMap((m) => [id, m, tenantId, 'User', now]));
    }
    const next = plan.rename ? plan.rename(g) : g;
    st.touchGroup.run(next.display_name, next.display_name_ci, next.doc, now, tenantId, id);
    return true;
  });
  const updateUser = db.transaction((tenantId, id, change) => {
    const cur = st.userById.get(tenantId, id);
    if (!cur) return undefined;
    const next = change(cur);
    st.updateUser.run(next.user_name, next.user_name_ci, next.external_id, next.active, next.version, next.updated_at, next.doc, tenantId, id);
    return next;
  });
  const seed = db.transaction((rows) => rows.forEach((r) => st.insertUser.run(...userRowParams(r))));

  return {
    engine: 'sqlite',
    init(tenant, digest) {
      if (!fresh) return;
      db.prepare('INSERT INTO tenant (id, name) VALUES (?, ?)').run(tenant, 'Reference tenant');
      db.prepare('INSERT INTO api_token (id, tenant_id, token_digest) VALUES (?, ?, ?)').run(tenant, tenant, digest);
    },
    auth: (digest) => st.auth.get(digest)?.tenant_id,
    userById: (t, id) => st.userById.get(t, id),
    userByNameCi: (t, ci) => st.userByNameCi.get(t, ci),
    usersByExternalId: (t, ext) => byCreation(st.usersByExternalId.all(t, ext)),
    countUsers: (t) => st.countUsers.get(t).n,
    pageUsers: (t, limit, offset) => st.pageUsers.all(t, limit, offset),
    cursorUsers: (t, after, limit) => (after ? st.afterUsers.all(t, after[0], after[0], after[1], limit) : st.firstUsers.all(t, limit)),
    groupsOfUsers,
    insertUser: (r) => uniq(() => st.insertUser.run(...userRowParams(r))),
    updateUser: (t, id, change) => uniq(() => updateUser(t, id, change)),
    groupById: (t, id) => st.groupById.get(t, id),
    groupByNameCi: (t, ci) => st.groupByNameCi.get(t, ci),
    insertGroup: (r) => uniq(() => st.insertGroup.run(...groupRowParams(r))),
    membersOf: (t, id) => st.membersOf.all(t, id),
    patchGroup: (t, id, plan, now) => uniq(() => patchGroup(t, id, plan, now)),
    seedUsers: (rows) => seed(rows),
    close: () => db.close(),
  };
}

const numbered = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** pg: a pool of 10 like the service, named (server-side prepared) statements. */
export async function openPgStore(url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const named = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, { name: `ref_${k}`, text: numbered(sql) }]));
  const run = (c, key, values) => c.query({ ...named[key], values });
  const rows = async (c, key, values) => (await run(c, key, values)).rows;
  const one = async (c, key, values) => (await run(c, key, values)).rows[0];
  const fresh = (await pool.query("SELECT to_regclass('scim_user') AS t")).rows[0].t === null;
  if (fresh) for (const t of TABLES) await pool.query(t);
  const tx = async (fn) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      if (isUniqueViolation(e)) throw new ConflictError(e.message);
      throw e;
    } finally {
      c.release();
    }
  };
  const uniq = async (p) => {
    try {
      return await p;
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(e.message);
      throw e;
    }
  };
  const insertMembersSql = (n) => ({
    name: `ref_members_${n}`,
    text: numbered(`INSERT INTO scim_group_member (group_id, member_id, tenant_id, member_type, created_at)
      VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (group_id, member_id) DO NOTHING`),
  });
  const existingSql = (n) => ({ name: `ref_exist_${n}`, text: numbered(`SELECT id FROM scim_user WHERE tenant_id = ? AND id IN (${marks(n)})`) });

  return {
    engine: 'postgres',
    async init(tenant, digest) {
      if (!fresh) return;
      await pool.query('INSERT INTO tenant (id, name) VALUES ($1, $2)', [tenant, 'Reference tenant']);
      await pool.query('INSERT INTO api_token (id, tenant_id, token_digest) VALUES ($1, $2, $3)', [tenant, tenant, digest]);
    },
    auth: async (digest) => (await one(pool, 'auth', [digest]))?.tenant_id,
    userById: (t, id) => one(pool, 'userById', [t, id]),
    userByNameCi: (t, ci) => one(pool, 'userByNameCi', [t, ci]),
    usersByExternalId: async (t, ext) => byCreation(await rows(pool, 'usersByExternalId', [t, ext])),
    countUsers: async (t) => Number((await one(pool, 'countUsers', [t])).n),
    pageUsers: (t, limit, offset) => rows(pool, 'pageUsers', [t, limit, offset]),
    cursorUsers: (t, after, limit) => (after ? rows(pool, 'afterUsers', [t, after[0], after[0], after[1], limit]) : rows(pool, 'firstUsers', [t, limit])),
    groupsOfUsers: async (t, ids) => (ids.length === 0 ? [] : (await pool.query({ name: `ref_groups_${ids.length}`, text: numbered(groupsOfUsersSql(ids.length)), values: [t, ...ids] })).rows),
    insertUser: (r) => uniq(run(pool, 'insertUser', userRowParams(r))),
    updateUser: (t, id, change) => tx(async (c) => {
      const cur = (await c.query({ name: 'ref_userForUpdate', text: numbered(`${SQL.userById} FOR UPDATE`), values: [t, id] })).rows[0];
      if (!cur) return undefined;
      const next = change(cur);
      await run(c, 'updateUser', [next.user_name, next.user_name_ci, next.external_id, next.active, next.version, next.updated_at, next.doc, t, id]);
      return next;
    }),
    groupById: (t, id) => one(pool, 'groupById', [t, id]),
    groupByNameCi: (t, ci) => one(pool, 'groupByNameCi', [t, ci]),
    insertGroup: (r) => uniq(run(pool, 'insertGroup', groupRowParams(r))),
    membersOf: (t, id) => rows(pool, 'membersOf', [t, id]),
    patchGroup: (t, id, plan, now) => tx(async (c) => {
      const g = (await c.query({ name: 'ref_groupForUpdate', text: numbered(`${SQL.groupById} FOR UPDATE`), values: [t, id] })).rows[0];
      if (!g) return undefined;
      if (plan.removeAll) await run(c, 'removeAllMembers', [t, id]);
      for (const m of plan.remove) await run(c, 'removeMember', [t, id, m]);
      if (plan.add.length) {
        const ids = [...new Set(plan.add)];
        const found = (await c.query({ ...existingSql(ids.length), values: [t, ...ids] })).rows.map((r) => r.id);
        if (found.length) await c.query({ ...insertMembersSql(found.length), values: found.flatMap((m) => [id, m, t, 'User', now]) });
      }
      const next = plan.rename ? plan.rename(g) : g;
      await run(c, 'touchGroup', [next.display_name, next.display_name_ci, next.doc, now, t, id]);
      return true;
    }),
    seedUsers: (list) => tx(async (c) => {
      for (let i = 0; i < list.length; i += 500) {
        const part = list.slice(i, i + 500);
        await c.query(numbered(`INSERT INTO scim_user (${USER_COLS}) VALUES ${part.map(() => `(${marks(10)})`).join(', ')}`), part.flatMap(userRowParams));
      }
    }),
    close: () => pool.end(),
  };
}

export function openStore(target) {
  return /^postgres(ql)?:\/\//.test(target) ? openPgStore(target) : openSqliteStore(target);
}
