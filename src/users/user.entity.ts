import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A SCIM User row. The resource document (every attribute as sent, canonical casing) is stored
 * as JSON in `doc`; the columns hold what uniqueness, filters and ordering need.
 */
@Entity({ name: 'scim_user' })
@Index('uq_scim_user_tenant_user_name_ci', ['tenantId', 'userNameCi'], { unique: true })
@Index('ix_scim_user_tenant_external_id', ['tenantId', 'externalId'])
@Index('ix_scim_user_tenant_created', ['tenantId', 'createdAt', 'id'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ name: 'user_name', type: 'varchar', length: 512 })
  userName: string;

  /** NFC + lower-case of userName (RFC 7644 §7.8): the unique key per tenant. */
  @Column({ name: 'user_name_ci', type: 'varchar', length: 512 })
  userNameCi: string;

  @Column({ name: 'external_id', type: 'varchar', length: 512, nullable: true })
  externalId: string | null;

  /** 1 = active, 0 = disabled (soft delete, Entra Q16). Integer on both engines. */
  @Column({ type: 'integer', default: 1 })
  active: number;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt: string;

  @Column({ type: 'text' })
  doc: string;
}
