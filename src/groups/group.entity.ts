import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A SCIM Group row. Members live in scim_group_member, never in `doc`. */
@Entity({ name: 'scim_group' })
@Index('uq_scim_group_tenant_display_name_ci', ['tenantId', 'displayNameCi'], { unique: true })
@Index('ix_scim_group_tenant_external_id', ['tenantId', 'externalId'])
@Index('ix_scim_group_tenant_created', ['tenantId', 'createdAt', 'id'])
export class GroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ name: 'display_name', type: 'varchar', length: 512 })
  displayName: string;

  /** NFC + lower-case of displayName: unique per tenant (an Entra requirement, entra-scim.md §1.2). */
  @Column({ name: 'display_name_ci', type: 'varchar', length: 512 })
  displayNameCi: string;

  @Column({ name: 'external_id', type: 'varchar', length: 512, nullable: true })
  externalId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt: string;

  @Column({ type: 'text' })
  doc: string;
}
