import { Injectable } from '@nestjs/common';
import { Db } from '../../database/transaction-runner';
import { SigningKeyEntity } from './signing-key.entity';

export interface SigningKeyRow {
  kid: string;
  alg: string;
  public_jwk: string;
  private_jwk: string;
  created_at: string;
  retired_at: string | null;
}

/** signing_key persistence. */
@Injectable()
export class SigningKeysRepository {
  async insert(db: Db, k: SigningKeyEntity): Promise<void> {
    await db.manager.getRepository(SigningKeyEntity).insert(k);
  }

  /** Every key, newest first. */
  list(db: Db): Promise<SigningKeyRow[]> {
    return db.query<SigningKeyRow>('SELECT kid, alg, public_jwk, private_jwk, created_at, retired_at FROM signing_key ORDER BY created_at DESC, kid');
  }

  retireAllBut(db: Db, kid: string, at: string): Promise<number> {
    return db.execute('UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL AND kid <> ?', [at, kid]);
  }

  /** Keys retired before `cutoff` can no longer have an unexpired token: forget them. */
  deleteRetiredBefore(db: Db, cutoff: string): Promise<number> {
    return db.execute('DELETE FROM signing_key WHERE retired_at IS NOT NULL AND retired_at < ?', [cutoff]);
  }
}
