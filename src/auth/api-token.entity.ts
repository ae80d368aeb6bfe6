import { Column, Entity, Index } from 'typeorm';
import { CredentialEntityBase } from './credential.entity-base';

/**
 * A secret bearer token. Only its SHA-256 digest is stored; lookups are by digest, so there is
 * no string comparison of secrets and no timing oracle (reliability-plan.md §0.9).
 */
@Entity({ name: 'api_token' })
@Index('ix_api_token_tenant', ['tenantId'])
export class ApiTokenEntity extends CredentialEntityBase {
  /** Hex SHA-256 of the whole token. */
  @Index('uq_api_token_digest', { unique: true })
  @Column({ name: 'token_digest', type: 'varchar', length: 64 })
  tokenDigest: string;

  /** The first characters of the token (prefix + 4), for operators to recognise it. Not a secret. */
  @Column({ name: 'token_hint', type: 'varchar', length: 32 })
  tokenHint: string;
}
