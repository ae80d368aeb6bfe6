import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * audit_event keyed by (tenant_id, seq) instead of its random UUID `id`: every read of the trail
 * is a tenant's events in seq order, and every append adds the tenant's next seq, so the key the
 * table is clustered on (SQLite WITHOUT ROWID) is the order events are written and read in. It
 * replaces three B-trees touched per append — the rowid table, the `id` primary key (one random
 * page per event) and the unique (tenant_id, seq) index — by one, appended at its end: the audit
 * write of a user PATCH dirtied six pages, now four (docs/BENCHMARKS.md, "Audit cost"). On
 * PostgreSQL the primary key moves the same way and the unique index goes. `id` stays a column
 * (a random UUID, covered by the hash); nothing looks events up by it.
 */
const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });

// Spelled out rather than imported from 1765000000000: a migration is a frozen record of the schema
// it produces, and must not change when another migration is edited.
const COLUMNS = [
  { ...str('tenant_id', 36), isPrimary: true }, { name: 'seq', type: 'integer', isPrimary: true }, str('id', 36), str('occurred_at', 32),
  str('actor_id', 200, true), str('actor_type', 16), str('actor_name', 200, true), str('source_ip', 64, true),
  str('request_id', 128, true), str('method', 8), str('route', 300), str('resource_type', 16, true),
  str('resource_id', 512, true), str('action', 40), str('outcome', 8), { name: 'status', type: 'integer' },
  str('scim_type', 40, true), { name: 'changes', type: 'text', isNullable: true },
  { name: 'members', type: 'text', isNullable: true }, { name: 'quirks', type: 'text', isNullable: true },
  str('prev_hash', 64), str('hash', 64),
];
const NAMES = COLUMNS.map((c) => `"${c.name}"`).join(', ');
const SECONDARY = [
  new TableIndex({ name: 'ix_audit_event_tenant_resource', columnNames: ['tenant_id', 'resource_id', 'seq'] }),
  new TableIndex({ name: 'ix_audit_event_tenant_time', columnNames: ['tenant_id', 'occurred_at'] }),
];
const UNIQUE_SEQ = new TableIndex({ name: 'uq_audit_event_tenant_seq', columnNames: ['tenant_id', 'seq'], isUnique: true });

export class AuditEventClustered1765200000000 implements MigrationInterface {
  name = 'AuditEventClustered1765200000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.dropPrimaryKey('audit_event');
      await q.createPrimaryKey('audit_event', ['tenant_id', 'seq']);
      await q.dropIndex('audit_event', 'uq_audit_event_tenant_seq');
      return;
    }
    // SQLite cannot change a table's key in place: build the clustered table and copy the rows.
    for (const name of ['uq_audit_event_tenant_seq', ...SECONDARY.map((i) => i.name!)]) await q.query(`DROP INDEX "${name}"`);
    await q.query('ALTER TABLE "audit_event" RENAME TO "audit_event_rowid"');
    await q.createTable(new Table({ name: 'audit_event', columns: COLUMNS, withoutRowid: true }));
    await q.query(`INSERT INTO "audit_event" (${NAMES}) SELECT ${NAMES} FROM "audit_event_rowid"`);
    await q.query('DROP TABLE "audit_event_rowid"');
    for (const index of SECONDARY) await q.createIndex('audit_event', index);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.createIndex('audit_event', UNIQUE_SEQ);
      await q.dropPrimaryKey('audit_event');
      await q.createPrimaryKey('audit_event', ['id']);
      return;
    }
    for (const index of SECONDARY) await q.dropIndex('audit_event', index.name!);
    await q.query('ALTER TABLE "audit_event" RENAME TO "audit_event_clustered"');
    const rowid = COLUMNS.map((c) => ({ ...c, isPrimary: c.name === 'id' }));
    await q.createTable(new Table({ name: 'audit_event', columns: rowid, indices: [UNIQUE_SEQ, ...SECONDARY] }));
    await q.query(`INSERT INTO "audit_event" (${NAMES}) SELECT ${NAMES} FROM "audit_event_clustered"`);
    await q.query('DROP TABLE "audit_event_clustered"');
  }
}
