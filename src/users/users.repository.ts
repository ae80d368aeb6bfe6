import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction-runner';

/** A scim_user row as read with raw SQL (snake_case, as the drivers return it). */
export interface UserRow {
  id: string;
  tenant_id: string;
  user_name: string;
  user_name_ci: string;
  external_id: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  doc: string;
}

/** Every column of scim_user, named (never `*`: a prepared statement's result must not change when a column is added). */
export const USER_COLUMNS = 'id, tenant_id, user_name, user_name_ci, external_id, active, version, created_at, updated_at, doc';

/** scim_user persistence; every statement is scoped by tenant_id. */
@Injectable()
export class UsersRepository {
  async insert(db: Db, r: UserRow): Promise<void> {
    await db.query(`INSERT INTO scim_user (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.tenant_id, r.user_name, r.user_name_ci, r.external_id, r.active, r.version, r.created_at, r.updated_at, r.doc],
      { prepareAs: 'scimbridge_user_insert' });
  }

  /** Row lock on PostgreSQL so concurrent PATCH/PUT of one user serialise (no lost update). */
  findById(db: Db, tenantId: string, id: string, forUpdate = false): Promise<UserRow | undefined> {
    const lock = forUpdate && db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM scim_user WHERE tenant_id = ? AND id = ?${lock}`, [tenantId, id],
      { prepareAs: lock ? 'scimbridge_user_by_id_for_update' : 'scimbridge_user_by_id' });
  }

  async update(db: Db, r: UserRow): Promise<void> {
    await db.query(
      `UPDATE scim_user SET user_name = ?, user_name_ci = ?, external_id = ?, active = ?, version = ?, updated_at = ?, doc = ?
        WHERE tenant_id = ? AND id = ?`,
      [r.user_name, r.user_name_ci, r.external_id, r.active, r.version, r.updated_at, r.doc, r.tenant_id, r.id],
      { prepareAs: 'scimbridge_user_update' },
    );
  }

  /**
   * PostgreSQL: locks the groups that list the user, in id order, before the user row is locked.
   * A group PATCH locks its group, then (GroupMembersRepository.resolve) its new members: taking
   * the groups first here keeps a user DELETE and a PATCH of one of its groups from deadlocking.
   */
  async lockGroupsOf(db: Db, tenantId: string, id: string): Promise<void> {
    if (db.dialect !== 'postgres') return;
    await db.query(
      `SELECT g.id FROM scim_group g WHERE g.tenant_id = ?
        AND g.id IN (SELECT m.group_id FROM scim_group_member m WHERE m.tenant_id = ? AND m.member_id = ?) ORDER BY g.id FOR UPDATE`,
      [tenantId, tenantId, id],
    );
  }

  /** Deletes the user and every membership row that names it; returns whether it existed. */
  async delete(db: Db, tenantId: string, id: string, now: string): Promise<boolean> {
    await db.query(
      `UPDATE scim_group SET version = version + 1, updated_at = ?
        WHERE tenant_id = ? AND id IN (SELECT group_id FROM scim_group_member WHERE tenant_id = ? AND member_id = ?)`,
      [now, tenantId, tenantId, id],
    );
    await db.query('DELETE FROM scim_group_member WHERE tenant_id = ? AND member_id = ?', [tenantId, id]);
    await db.query('DELETE FROM scim_attribute_value WHERE tenant_id = ? AND resource_id = ?', [tenantId, id]);
    return (await db.execute('DELETE FROM scim_user WHERE tenant_id = ? AND id = ?', [tenantId, id])) > 0;
  }

  /** The groups each user belongs to (User.groups, RFC 7643 §4.1.2), for one page of users. */
  groupsOf(db: Db, tenantId: string, userIds: string[]): Promise<Array<{ member_id: string; group_id: string; display_name: string }>> {
    if (userIds.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT m.member_id, m.group_id, g.display_name FROM scim_group_member m JOIN scim_group g ON g.id = m.group_id
        WHERE m.tenant_id = ? AND m.member_id IN (${userIds.map(() => '?').join(', ')}) ORDER BY g.display_name_ci, g.id`,
      [tenantId, ...userIds],
      // One user (GET by id, Entra's lookups): one fixed text; a page's varies with its size.
      userIds.length === 1 ? { prepareAs: 'scimbridge_groups_of_user' } : {},
    );
  }
}
