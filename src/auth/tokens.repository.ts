import { Injectable } from '@nestjs/common';
import { credentialRows } from './credential-rows';
import { Db } from '../database/transaction-runner';
import { ApiTokenEntity } from './api-token.entity';

export interface TokenRow {
  id: string;
  tenant_id: string;
  name: string;
  token_hint: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  tenant_status?: string;
}

/** api_token persistence. Secrets never reach this layer: only digests. */
@Injectable()
export class TokensRepository {
  async insert(db: Db, t: ApiTokenEntity): Promise<void> {
    await db.manager.getRepository(ApiTokenEntity).insert(t);
  }

  findByDigest(db: Db, digest: string): Promise<TokenRow | undefined> {
    return db.one<TokenRow>(
      `SELECT t.id, t.tenant_id, t.name, t.token_hint, t.scopes, t.created_at, t.expires_at, t.revoked_at,
              t.last_used_at, n.status AS tenant_status
         FROM api_token t JOIN tenant n ON n.id = t.tenant_id
        WHERE t.token_digest = ?`,
      [digest],
      // Every SCIM request authenticated by a secret token runs it (named: parsed once per connection).
      { prepareAs: 'scimbridge_token_by_digest' },
    );
  }

  listByTenant(db: Db, tenantId: string): Promise<TokenRow[]> {
    return db.query<TokenRow>(
      `SELECT id, tenant_id, name, token_hint, scopes, created_at, expires_at, revoked_at, last_used_at
         FROM api_token WHERE tenant_id = ? ORDER BY created_at, id`,
      [tenantId],
    );
  }

  revoke(db: Db, tenantId: string, id: string, at: string): Promise<number> {
    return credentialRows.revoke(db, 'api_token', tenantId, id, at);
  }

  touch(db: Db, id: string, at: string): Promise<number> {
    return credentialRows.touch(db, 'api_token', id, at);
  }
}
