import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The initial schema, written once with TypeORM's engine-neutral Table API so the same migration
 * runs on SQLite and PostgreSQL. Every row carries tenant_id and every unique index includes it.
 */
const ts = (name: string, nullable = false) => ({ name, type: 'varchar', length: '32', isNullable: nullable });
const id36 = (name: string, primary = false) => ({ name, type: 'varchar', length: '36', isPrimary: primary });

export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'tenant',
      columns: [id36('id', true), { name: 'name', type: 'varchar', length: '200' },
        { name: 'status', type: 'varchar', length: '16', default: "'active'" }, ts('created_at')],
    }));
    await q.createTable(new Table({
      name: 'api_token',
      columns: [id36('id', true), id36('tenant_id'), { name: 'name', type: 'varchar', length: '200' },
        { name: 'token_digest', type: 'varchar', length: '64' }, { name: 'token_hint', type: 'varchar', length: '32' },
        { name: 'scopes', type: 'varchar', length: '200' }, ts('created_at'), ts('expires_at', true),
        ts('revoked_at', true), ts('last_used_at', true)],
      indices: [
        new TableIndex({ name: 'uq_api_token_digest', columnNames: ['token_digest'], isUnique: true }),
        new TableIndex({ name: 'ix_api_token_tenant', columnNames: ['tenant_id'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'scim_user',
      columns: [id36('id', true), id36('tenant_id'), { name: 'user_name', type: 'varchar', length: '512' },
        { name: 'user_name_ci', type: 'varchar', length: '512' },
        { name: 'external_id', type: 'varchar', length: '512', isNullable: true },
        { name: 'active', type: 'integer', default: 1 }, { name: 'version', type: 'integer', default: 1 },
        ts('created_at'), ts('updated_at'), { name: 'doc', type: 'text' }],
      indices: [
        new TableIndex({ name: 'uq_scim_user_tenant_user_name_ci', columnNames: ['tenant_id', 'user_name_ci'], isUnique: true }),
        new TableIndex({ name: 'ix_scim_user_tenant_external_id', columnNames: ['tenant_id', 'external_id'] }),
        new TableIndex({ name: 'ix_scim_user_tenant_created', columnNames: ['tenant_id', 'created_at', 'id'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'scim_group',
      columns: [id36('id', true), id36('tenant_id'), { name: 'display_name', type: 'varchar', length: '512' },
        { name: 'display_name_ci', type: 'varchar', length: '512' },
        { name: 'external_id', type: 'varchar', length: '512', isNullable: true },
        { name: 'version', type: 'integer', default: 1 }, ts('created_at'), ts('updated_at'), { name: 'doc', type: 'text' }],
      indices: [
        new TableIndex({ name: 'uq_scim_group_tenant_display_name_ci', columnNames: ['tenant_id', 'display_name_ci'], isUnique: true }),
        new TableIndex({ name: 'ix_scim_group_tenant_external_id', columnNames: ['tenant_id', 'external_id'] }),
        new TableIndex({ name: 'ix_scim_group_tenant_created', columnNames: ['tenant_id', 'created_at', 'id'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'scim_group_member',
      columns: [id36('group_id', true), id36('member_id', true), id36('tenant_id'),
        { name: 'member_type', type: 'varchar', length: '8' }, ts('created_at')],
      indices: [new TableIndex({ name: 'ix_scim_group_member_member', columnNames: ['tenant_id', 'member_id'] })],
    }));
    await q.createTable(new Table({
      name: 'scim_attribute_value',
      columns: [id36('resource_id', true), { name: 'path', type: 'varchar', length: '300', isPrimary: true },
        { name: 'elem', type: 'integer', isPrimary: true }, id36('tenant_id'),
        { name: 'resource_type', type: 'varchar', length: '8' },
        { name: 'value_str', type: 'text', isNullable: true }, { name: 'value_ci', type: 'text', isNullable: true },
        { name: 'value_num', type: 'decimal', isNullable: true }],
      indices: [
        new TableIndex({ name: 'ix_scim_attribute_value_lookup', columnNames: ['tenant_id', 'resource_type', 'path', 'value_ci'] }),
        new TableIndex({ name: 'ix_scim_attribute_value_exact', columnNames: ['tenant_id', 'resource_type', 'path', 'value_str'] }),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['scim_attribute_value', 'scim_group_member', 'scim_group', 'scim_user', 'api_token', 'tenant']) {
      await q.dropTable(t);
    }
  }
}
