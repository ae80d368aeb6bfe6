import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Drops the (tenant_id, resource_type, path, value_str) index of scim_attribute_value. Every user
 * write touched it with one leaf page per attribute path (about 27 for an Entra user), and the
 * fsync of each commit pays for those pages: on SQLite it was ~45% of the bytes written per user
 * created (docs/BENCHMARKS.md). Its only readers were `eq` comparisons on caseExact attributes in
 * the index, which now also compare value_ci (= lower-case of value_str) and so use the
 * (…, path, value_ci) index instead.
 */
export class AttributeIndexWrites1765100000000 implements MigrationInterface {
  name = 'AttributeIndexWrites1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('scim_attribute_value', 'ix_scim_attribute_value_exact');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('scim_attribute_value', new TableIndex({
      name: 'ix_scim_attribute_value_exact', columnNames: ['tenant_id', 'resource_type', 'path', 'value_str'],
    }));
  }
}
