import { Column, Entity, PrimaryColumn } from 'typeorm';

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
}
