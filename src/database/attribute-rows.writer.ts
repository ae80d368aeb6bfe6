import { Injectable } from '@nestjs/common';
import { AttributeOwner, AttributeRow, insertAttributeRowsSql } from './attribute-index/attribute-row';
import { Db } from './transaction-runner';

/** Keeps scim_attribute_value in step with a resource document (same transaction as the write). */
@Injectable()
export class AttributeRowsWriter {
  async replace(db: Db, owner: AttributeOwner, rows: AttributeRow[]): Promise<void> {
    await this.remove(db, owner.resourceId);
    for (const stmt of insertAttributeRowsSql(rows, owner)) await db.query(stmt.sql, stmt.params);
  }

  async remove(db: Db, resourceId: string): Promise<void> {
    await db.query('DELETE FROM scim_attribute_value WHERE resource_id = ?', [resourceId]);
  }
}
