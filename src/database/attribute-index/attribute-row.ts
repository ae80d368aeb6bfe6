/**
 * One row of scim_attribute_value for one resource, before tenant/resource ids are attached.
 * See attribute-value.entity.ts for the storage model.
 */
export interface AttributeRow {
  /** Canonical lower-case path: "emails", "emails.value", "name.givenname", "<urn>:manager.value". */
  path: string;
  /** Element index for multi-valued attributes, 0 for singular ones. */
  elem: number;
  valueStr: string | null;
  /** `valueStr.toLowerCase()`, for caseExact=false comparisons. */
  valueCi: string | null;
  /** Numeric value for integer, decimal and boolean (1/0) attributes. */
  valueNum: number | null;
}

/** Which resource a set of rows belongs to. */
export interface AttributeOwner {
  tenantId: string;
  resourceType: 'User' | 'Group';
  resourceId: string;
}

const COLUMNS = '(resource_id, path, elem, tenant_id, resource_type, value_str, value_ci, value_num)';
/** Rows per INSERT: 8 params each stays far below SQLite's 32 766 and PostgreSQL's 65 535 limits. */
const BATCH = 200;

/**
 * Parameterised INSERT statements (`?` placeholders) for a resource's attribute rows. The caller
 * deletes the resource's old rows first (`DELETE FROM scim_attribute_value WHERE resource_id = ?`)
 * in the same transaction as the resource write.
 */
export function insertAttributeRowsSql(rows: readonly AttributeRow[], owner: AttributeOwner): { sql: string; params: unknown[] }[] {
  const out: { sql: string; params: unknown[] }[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const params: unknown[] = [];
    for (const r of chunk) {
      params.push(owner.resourceId, r.path, r.elem, owner.tenantId, owner.resourceType, r.valueStr, r.valueCi, r.valueNum);
    }
    const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    out.push({ sql: `INSERT INTO scim_attribute_value ${COLUMNS} VALUES ${values}`, params });
  }
  return out;
}
