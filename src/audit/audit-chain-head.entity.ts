import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The head of a tenant's audit hash chain. Writers lock this row (PostgreSQL `FOR UPDATE`) to
 * take the next sequence number, so concurrent replicas never fork the chain. The anchor is the
 * last pruned event (retention): verification starts from it instead of the genesis hash.
 */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  /** Sequence number of the newest event (0 = none yet). */
  @Column({ type: 'integer', default: 0 })
  seq: number;

  /** Hash of the newest event (the genesis hash when there is none). */
  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ name: 'anchor_seq', type: 'integer', default: 0 })
  anchorSeq: number;

  @Column({ name: 'anchor_hash', type: 'varchar', length: 64 })
  anchorHash: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt: string;
}
