import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The audit trail (issue 5): append-only events per tenant with a hash chain, and one chain-head
 * row per tenant that writers lock to take the next sequence number. Engine-neutral Table API.
 */
const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });

export class AuditTrail1765000000000 implements MigrationInterface {
  name = 'AuditTrail1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'audit_event',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('tenant_id', 36), { name: 'seq', type: 'integer' }, str('occurred_at', 32),
        str('actor_id', 200, true), str('actor_type', 16), str('actor_name', 200, true), str('source_ip', 64, true),
        str('request_id', 128, true), str('method', 8), str('route', 300), str('resource_type', 16, true),
        str('resource_id', 512, true), str('action', 40), str('outcome', 8), { name: 'status', type: 'integer' },
        str('scim_type', 40, true), { name: 'changes', type: 'text', isNullable: true },
        { name: 'members', type: 'text', isNullable: true }, { name: 'quirks', type: 'text', isNullable: true },
        str('prev_hash', 64), str('hash', 64),
      ],
      indices: [
        new TableIndex({ name: 'uq_audit_event_tenant_seq', columnNames: ['tenant_id', 'seq'], isUnique: true }),
        new TableIndex({ name: 'ix_audit_event_tenant_resource', columnNames: ['tenant_id', 'resource_id', 'seq'] }),
        new TableIndex({ name: 'ix_audit_event_tenant_time', columnNames: ['tenant_id', 'occurred_at'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'audit_chain_head',
      columns: [
        { ...str('tenant_id', 36), isPrimary: true }, { name: 'seq', type: 'integer', default: 0 }, str('hash', 64),
        { name: 'anchor_seq', type: 'integer', default: 0 }, str('anchor_hash', 64), str('updated_at', 32),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_chain_head');
    await q.dropTable('audit_event');
  }
}
