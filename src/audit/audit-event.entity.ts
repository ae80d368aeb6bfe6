import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One audit event (issue 5): a SCIM write or write attempt of one tenant. Rows are append-only;
 * `seq` numbers a tenant's events without gaps and `hash` chains each event to the previous one
 * (audit-hash.ts), so an edited, deleted or reordered row is detectable. JSON columns hold
 * canonical JSON text, hashed as stored. Keyed (and on SQLite clustered) by (tenant_id, seq): the
 * order events are appended and read in (migration 1765200000000).
 */
@Entity({ name: 'audit_event', withoutRowid: true })
@Index('ix_audit_event_tenant_resource', ['tenantId', 'resourceId', 'seq'])
@Index('ix_audit_event_tenant_time', ['tenantId', 'occurredAt'])
export class AuditEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  /** A random UUID naming the event (covered by the hash); not a key. */
  @Column({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'occurred_at', type: 'varchar', length: 32 })
  occurredAt: string;

  /** Token or OAuth client id; null for an unauthenticated attempt. Never a secret. */
  @Column({ name: 'actor_id', type: 'varchar', length: 200, nullable: true })
  actorId: string | null;

  /** token | oauth-client | entra | anonymous */
  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: string;

  @Column({ name: 'actor_name', type: 'varchar', length: 200, nullable: true })
  actorName: string | null;

  @Column({ name: 'source_ip', type: 'varchar', length: 64, nullable: true })
  sourceIp: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  @Column({ type: 'varchar', length: 300 })
  route: string;

  @Column({ name: 'resource_type', type: 'varchar', length: 16, nullable: true })
  resourceType: string | null;

  @Column({ name: 'resource_id', type: 'varchar', length: 512, nullable: true })
  resourceId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  /** success | failure */
  @Column({ type: 'varchar', length: 8 })
  outcome: string;

  @Column({ type: 'integer' })
  status: number;

  @Column({ name: 'scim_type', type: 'varchar', length: 40, nullable: true })
  scimType: string | null;

  /** Attribute-level changes: [{ attribute, before, after }], sensitive values redacted. */
  @Column({ type: 'text', nullable: true })
  changes: string | null;

  /** Membership changes of a group write (ids, possibly truncated, with counts). */
  @Column({ type: 'text', nullable: true })
  members: string | null;

  /** Entra quirks the request needed normalising. */
  @Column({ type: 'text', nullable: true })
  quirks: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
