import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every stored credential has — secret tokens (api_token) and OAuth clients
 * (oauth_client): who it belongs to, what it may do, and its lifecycle (expiry, revocation, last
 * use; credential-common.ts). Each entity adds its digest and hint columns and its indexes.
 */
export abstract class CredentialEntityBase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

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
