import { Injectable } from '@nestjs/common';
import { AttributeOwner, AttributeRow, insertAttributeRowsSql } from './attribute-index/attribute-row';
import { Db } from './transaction-runner';

interface StoredRow {
  path: string;
  elem: number | string;
  value_str: string | null;
  value_ci: string | null;
  value_num: number | string | null;
}

const keyOf = (path: string, elem: number | string): string => `${path}\u0000${Number(elem)}`;
/** PostgreSQL returns `decimal` as text: compare numerically. */
const sameNumber = (a: number | string | null, b: number | null): boolean => (a === null || b === null ? a === b : Number(a) === b);
const unchanged = (old: StoredRow, row: AttributeRow): boolean =>
  old.value_str === row.valueStr && old.value_ci === row.valueCi && sameNumber(old.value_num, row.valueNum);

/**
 * Keeps scim_attribute_value in step with a resource document (same transaction as the write).
 * Only the rows that differ are written: a PATCH of 5 attributes of a user with 27 index rows
 * updates 5 rows instead of deleting and re-inserting 27, each of which touches three B-trees
 * (the write volume of a commit is what an fsync pays for, see docs/BENCHMARKS.md).
 */
@Injectable()
export class AttributeRowsWriter {
  async replace(db: Db, owner: AttributeOwner, rows: AttributeRow[]): Promise<void> {
    const stored = await db.query<StoredRow>(
      'SELECT path, elem, value_str, value_ci, value_num FROM scim_attribute_value WHERE resource_id = ?', [owner.resourceId],
      { prepareAs: 'scimbridge_attribute_rows_of' });
    const old = new Map(stored.map((r) => [keyOf(r.path, r.elem), r]));
    const added: AttributeRow[] = [];
    for (const row of rows) {
      const key = keyOf(row.path, row.elem);
      const before = old.get(key);
      if (!before) {
        added.push(row);
        continue;
      }
      old.delete(key);
      if (!unchanged(before, row)) {
        await db.query('UPDATE scim_attribute_value SET value_str = ?, value_ci = ?, value_num = ? WHERE resource_id = ? AND path = ? AND elem = ?',
          [row.valueStr, row.valueCi, row.valueNum, owner.resourceId, row.path, row.elem], { prepareAs: 'scimbridge_attribute_row_update' });
      }
    }
    for (const gone of old.values()) {
      await db.query('DELETE FROM scim_attribute_value WHERE resource_id = ? AND path = ? AND elem = ?', [owner.resourceId, gone.path, Number(gone.elem)],
        { prepareAs: 'scimbridge_attribute_row_delete' });
    }
    for (const stmt of insertAttributeRowsSql(added, owner)) await db.query(stmt.sql, stmt.params);
  }

  async remove(db: Db, resourceId: string): Promise<void> {
    await db.query('DELETE FROM scim_attribute_value WHERE resource_id = ?', [resourceId]);
  }
}
