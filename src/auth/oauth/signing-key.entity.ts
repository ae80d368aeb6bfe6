import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key pair that signs our OAuth access tokens. Kept in the database so every stateless replica
 * signs and verifies with the same keys. The newest unretired key signs; a retired key still
 * verifies (and stays in the JWKS) until every token it signed has expired.
 */
@Entity({ name: 'signing_key' })
export class SigningKeyEntity {
  /** The JWS `kid` (RFC 7515 §4.1.4). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ type: 'varchar', length: 16 })
  alg: string;

  /** Public JWK (JSON). */
  @Column({ name: 'public_jwk', type: 'text' })
  publicJwk: string;

  /** Private JWK (JSON), or an AES-256-GCM envelope of it when OAUTH_KEY_ENCRYPTION_SECRET is set. */
  @Column({ name: 'private_jwk', type: 'text' })
  privateJwk: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  /** When a newer key took over signing; null for the current key. */
  @Column({ name: 'retired_at', type: 'varchar', length: 32, nullable: true })
  retiredAt: string | null;
}
