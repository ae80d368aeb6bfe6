import { Injectable } from '@nestjs/common';
import { credentialRows } from '../credential-rows';
import { Db } from '../../database/transaction-runner';
import { OAuthClientEntity } from './oauth-client.entity';

export interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  secret_digest?: string;
  secret_hint: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  tenant_status?: string;
}

const VIEW_COLUMNS = 'c.id, c.tenant_id, c.name, c.secret_hint, c.scopes, c.created_at, c.expires_at, c.revoked_at, c.last_used_at';

/** oauth_client persistence. Secrets never reach this layer: only digests. */
@Injectable()
export class OAuthClientsRepository {
  async insert(db: Db, c: OAuthClientEntity): Promise<void> {
    await db.manager.getRepository(OAuthClientEntity).insert(c);
  }

  /** The client with its digest and its tenant's status, for authentication. */
  findForAuth(db: Db, id: string): Promise<ClientRow | undefined> {
    return db.one<ClientRow>(
      `SELECT ${VIEW_COLUMNS}, c.secret_digest, n.status AS tenant_status
         FROM oauth_client c JOIN tenant n ON n.id = c.tenant_id WHERE c.id = ?`,
      [id],
    );
  }

  listByTenant(db: Db, tenantId: string): Promise<ClientRow[]> {
    return db.query<ClientRow>(`SELECT ${VIEW_COLUMNS} FROM oauth_client c WHERE c.tenant_id = ? ORDER BY c.created_at, c.id`, [tenantId]);
  }

  revoke(db: Db, tenantId: string, id: string, at: string): Promise<number> {
    return credentialRows.revoke(db, 'oauth_client', tenantId, id, at);
  }

  touch(db: Db, id: string, at: string): Promise<number> {
    return credentialRows.touch(db, 'oauth_client', id, at);
  }
}
