import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A tenant (an organisation whose IdP provisions into us). Every other row carries its id. */
@Entity({ name: 'tenant' })
export class TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** 'active' | 'disabled': a disabled tenant gets 401 on every SCIM request; its data stays. */
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  /**
   * 1 for the operator tenant (the one the first start creates): its admin tokens manage every
   * tenant; any other tenant's admin tokens manage only their own (docs/auth.md).
   */
  @Column({ name: 'is_operator', type: 'integer', default: 0 })
  isOperator: number;

  /** The Entra (Azure AD) tenant whose own JWTs may act for this tenant ("blank Secret Token" mode). */
  @Index('uq_tenant_entra_tenant_id', { unique: true })
  @Column({ name: 'entra_tenant_id', type: 'varchar', length: 36, nullable: true })
  entraTenantId: string | null;
}
