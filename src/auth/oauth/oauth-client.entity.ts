import { Column, Entity, Index } from 'typeorm';
import { CredentialEntityBase } from '../credential.entity-base';

/**
 * An OAuth 2.0 client of one tenant (RFC 6749 §2, client credentials grant §4.4). The id is the
 * public `client_id`; only the SHA-256 digest of the secret is stored. A tenant may have several
 * active clients, so a secret is rotated by creating a new client before revoking the old one.
 */
@Entity({ name: 'oauth_client' })
@Index('ix_oauth_client_tenant', ['tenantId'])
export class OAuthClientEntity extends CredentialEntityBase {
  /** Hex SHA-256 of the client secret. */
  @Column({ name: 'secret_digest', type: 'varchar', length: 64 })
  secretDigest: string;

  /** Prefix + 4 characters of the secret, for operators to recognise it. Not a secret. */
  @Column({ name: 'secret_hint', type: 'varchar', length: 32 })
  secretHint: string;
}
