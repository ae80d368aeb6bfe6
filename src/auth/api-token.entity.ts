import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A secret bearer token. Only its SHA-256 digest is stored; lookups are by digest, so there is
 * no string comparison of secrets and no timing oracle (reliability-plan.md §0.9).
 */
@Entity({ name: 'api_token' })
@Index('ix_api_token_tenant', ['tenantId'])
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Hex SHA-256 of the whole token. */
  @Index('uq_api_token_digest', { unique: true })
  @Column({ name: 'token_digest', type: 'varchar', length: 64 })
  tokenDigest: string;

  /** The first characters of the token (prefix + 4), for operators to recognise it. Not a secret. */
  @Column({ name: 'token_hint', type: 'varchar', length: 32 })
  tokenHint: string;

  /** Space-separated scopes: scim:read scim:write audit:read admin. */
  @Column({ type: 'varchar', length: 200 })
  scopes: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 32, nullable: true })
  expiresAt: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt: string | null;

  @Column({ name: 'last_used_at', type: 'varchar', length: 32, nullable: true })
  lastUsedAt: string | null;
}
