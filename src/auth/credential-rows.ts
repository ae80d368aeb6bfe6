import type { Db } from '../database/transaction-runner';

/** The tables whose rows are credentials (CredentialEntityBase): a closed list, never input. */
export type CredentialTable = 'api_token' | 'oauth_client';

/** Lifecycle statements shared by secret tokens and OAuth clients (same columns). */
export const credentialRows = {
  /** Revokes an active credential of the tenant; 0 when there is none (unknown or already revoked). */
  revoke(db: Db, table: CredentialTable, tenantId: string, id: string, at: string): Promise<number> {
    return db.execute(`UPDATE ${table} SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL`, [at, tenantId, id]);
  },

  /** Records the last use (LastUsedRecorder calls it at most once a minute per credential). */
  touch(db: Db, table: CredentialTable, id: string, at: string): Promise<number> {
    return db.execute(`UPDATE ${table} SET last_used_at = ? WHERE id = ?`, [at, id]);
  },
};
