import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction-runner';

export interface GroupRow {
  id: string;
  tenant_id: string;
  display_name: string;
  display_name_ci: string;
  external_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  doc: string;
}

/** Every column of scim_group, named (never `*`: a prepared statement's result must not change when a column is added). */
export const GROUP_COLUMNS = 'id, tenant_id, display_name, display_name_ci, external_id, version, created_at, updated_at, doc';

/** scim_group persistence; every statement is scoped by tenant_id. Members: see GroupMembersRepository. */
@Injectable()
export class GroupsRepository {
  async insert(db: Db, r: GroupRow): Promise<void> {
    await db.query(`INSERT INTO scim_group (${GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.tenant_id, r.display_name, r.display_name_ci, r.external_id, r.version, r.created_at, r.updated_at, r.doc],
      { prepareAs: 'scimbridge_group_insert' });
  }

  findById(db: Db, tenantId: string, id: string, forUpdate = false): Promise<GroupRow | undefined> {
    const lock = forUpdate && db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return db.one<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM scim_group WHERE tenant_id = ? AND id = ?${lock}`, [tenantId, id],
      { prepareAs: lock ? 'scimbridge_group_by_id_for_update' : 'scimbridge_group_by_id' });
  }

  async update(db: Db, r: GroupRow): Promise<void> {
    await db.query(
      `UPDATE scim_group SET display_name = ?, display_name_ci = ?, external_id = ?, version = ?, updated_at = ?, doc = ?
        WHERE tenant_id = ? AND id = ?`,
      [r.display_name, r.display_name_ci, r.external_id, r.version, r.updated_at, r.doc, r.tenant_id, r.id],
      { prepareAs: 'scimbridge_group_update' },
    );
  }

  async delete(db: Db, tenantId: string, id: string): Promise<boolean> {
    await db.query('DELETE FROM scim_group_member WHERE tenant_id = ? AND (group_id = ? OR member_id = ?)', [tenantId, id, id]);
    await db.query('DELETE FROM scim_attribute_value WHERE tenant_id = ? AND resource_id = ?', [tenantId, id]);
    return (await db.execute('DELETE FROM scim_group WHERE tenant_id = ? AND id = ?', [tenantId, id])) > 0;
  }
}
