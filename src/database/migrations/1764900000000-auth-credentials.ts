import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Issue 4 (auth): the operator flag and the Entra tenant link on `tenant`, OAuth clients, and the
 * signing keys of our access tokens. Written with the engine-neutral Table API like the initial
 * schema, so it runs unchanged on SQLite and PostgreSQL.
 */
const ts = (name: string, nullable = false) => ({ name, type: 'varchar', length: '32', isNullable: nullable });
const id36 = (name: string, primary = false) => ({ name, type: 'varchar', length: '36', isPrimary: primary });

export class AuthCredentials1764900000000 implements MigrationInterface {
  name = 'AuthCredentials1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('tenant', [
      new TableColumn({ name: 'is_operator', type: 'integer', default: 0 }),
      new TableColumn({ name: 'entra_tenant_id', type: 'varchar', length: '36', isNullable: true }),
    ]);
    await q.createIndex('tenant', new TableIndex({ name: 'uq_tenant_entra_tenant_id', columnNames: ['entra_tenant_id'], isUnique: true }));
    // An existing installation's first tenant is the one its first start created: the operator.
    await q.query(
      'UPDATE tenant SET is_operator = 1 WHERE id = (SELECT id FROM tenant ORDER BY created_at, id LIMIT 1)',
    );
    await q.createTable(new Table({
      name: 'oauth_client',
      columns: [id36('id', true), id36('tenant_id'), { name: 'name', type: 'varchar', length: '200' },
        { name: 'secret_digest', type: 'varchar', length: '64' }, { name: 'secret_hint', type: 'varchar', length: '32' },
        { name: 'scopes', type: 'varchar', length: '200' }, ts('created_at'), ts('expires_at', true),
        ts('revoked_at', true), ts('last_used_at', true)],
      indices: [new TableIndex({ name: 'ix_oauth_client_tenant', columnNames: ['tenant_id'] })],
    }));
    await q.createTable(new Table({
      name: 'signing_key',
      columns: [{ name: 'kid', type: 'varchar', length: '64', isPrimary: true }, { name: 'alg', type: 'varchar', length: '16' },
        { name: 'public_jwk', type: 'text' }, { name: 'private_jwk', type: 'text' }, ts('created_at'), ts('retired_at', true)],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('signing_key');
    await q.dropTable('oauth_client');
    await q.dropIndex('tenant', 'uq_tenant_entra_tenant_id');
    await q.dropColumns('tenant', ['entra_tenant_id', 'is_operator']);
  }
}
