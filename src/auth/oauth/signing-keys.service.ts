import { Inject, Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from 'jose';
import { Clock } from '../../common/clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AUTH_SETTINGS, AuthSettings, KEY_RETIREMENT_GRACE_MS } from '../auth-settings';
import { openPrivateJwk, sealPrivateJwk } from './key-encryption';
import { SigningKeyEntity } from './signing-key.entity';
import { SigningKeyRow, SigningKeysRepository } from './signing-keys.repository';

/** ES256 (ECDSA P-256, RFC 7518 §3.4): small signatures, fast verification, no key-size choices. */
export const SIGNING_ALG = 'ES256';
/** Other replicas start signing with a new key within this time; an unknown `kid` reloads at once. */
const CACHE_TTL_MS = 60_000;

interface CachedKey {
  row: SigningKeyRow;
  publicKey: KeyLike | Uint8Array;
}

export interface RotationResult {
  kid: string;
  retired: string[];
  removed: number;
}

/**
 * The keys that sign our access tokens, shared by all replicas through the database. Rotation
 * without downtime: the new key signs at once, older keys keep verifying (and stay in the JWKS)
 * for KEY_RETIREMENT_GRACE_MS after they stop signing, longer than any token can live.
 */
@Injectable()
export class SigningKeysService {
  private cache: CachedKey[] = [];
  private loadedAt = Number.NEGATIVE_INFINITY;
  private privateKeys = new Map<string, KeyLike | Uint8Array>();
  private creating?: Promise<void>;
  private loading?: Promise<void>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: SigningKeysRepository,
    private readonly clock: Clock,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** The key that signs now, created on first use. */
  async signingKey(): Promise<{ kid: string; key: KeyLike | Uint8Array }> {
    await this.fresh();
    if (!this.current()) {
      this.creating ??= this.createFirst().finally(() => (this.creating = undefined));
      await this.creating;
    }
    const row = this.current();
    if (!row) throw new Error('no signing key');
    let key = this.privateKeys.get(row.kid);
    if (!key) {
      key = await importJWK(JSON.parse(openPrivateJwk(row.private_jwk, this.settings.keyEncryptionSecret)) as JWK, row.alg);
      this.privateKeys.set(row.kid, key);
    }
    return { kid: row.kid, key };
  }

  /** The public key for a `kid`, if that key is still trusted. */
  async verificationKey(kid: string): Promise<KeyLike | Uint8Array | undefined> {
    await this.fresh();
    let hit = this.cache.find((k) => k.row.kid === kid);
    // Another replica may have rotated a moment ago: reload. Twice at most, because the first
    // call may join a reload that started before the rotation. Concurrent reloads are shared, so a
    // flood of made-up kids costs a bounded number of reads of this small table.
    for (let i = 0; !hit && i < 2; i++) {
      await this.load();
      hit = this.cache.find((k) => k.row.kid === kid);
    }
    return hit && this.trusted(hit.row) ? hit.publicKey : undefined;
  }

  /** The JWK Set (RFC 7517 §5) of every trusted key: GET /.well-known/jwks.json. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.fresh();
    return { keys: this.cache.filter((k) => this.trusted(k.row)).map((k) => JSON.parse(k.row.public_jwk) as JWK) };
  }

  /** keys:rotate: a new key signs from now on; the old ones retire; long-retired ones are deleted. */
  async rotate(): Promise<RotationResult> {
    const fresh = await this.generate();
    const now = this.clock.now();
    const result = await this.tx.write(async (db) => {
      await this.repo.insert(db, fresh);
      const before = (await this.repo.list(db)).filter((r) => !r.retired_at && r.kid !== fresh.kid).map((r) => r.kid);
      await this.repo.retireAllBut(db, fresh.kid, now.toISOString());
      const removed = await this.repo.deleteRetiredBefore(db, new Date(now.getTime() - KEY_RETIREMENT_GRACE_MS).toISOString());
      return { kid: fresh.kid, retired: before, removed };
    });
    await this.load();
    return result;
  }

  private current(): SigningKeyRow | undefined {
    return this.cache.find((k) => !k.row.retired_at)?.row;
  }

  private trusted(row: SigningKeyRow): boolean {
    return !row.retired_at || this.clock.now().getTime() < Date.parse(row.retired_at) + KEY_RETIREMENT_GRACE_MS;
  }

  private async fresh(): Promise<void> {
    if (this.clock.now().getTime() - this.loadedAt >= CACHE_TTL_MS) await this.load();
  }

  private load(): Promise<void> {
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async reload(): Promise<void> {
    const rows = await this.tx.read((db) => this.repo.list(db));
    this.cache = await Promise.all(rows.map(async (row) => ({ row, publicKey: await importJWK(JSON.parse(row.public_jwk) as JWK, row.alg) })));
    this.loadedAt = this.clock.now().getTime();
  }

  private async createFirst(): Promise<void> {
    const fresh = await this.generate();
    // Re-checked inside the write: another request (or replica) may have created one meanwhile.
    await this.tx.write(async (db) => {
      if ((await this.repo.list(db)).some((r) => !r.retired_at)) return;
      await this.repo.insert(db, fresh);
    });
    await this.load();
  }

  private async generate(): Promise<SigningKeyEntity> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const pub = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(pub); // RFC 7638: a kid derived from the key itself
    const publicJwk = JSON.stringify({ ...pub, kid, alg: SIGNING_ALG, use: 'sig' });
    const privateJwk = sealPrivateJwk(JSON.stringify(await exportJWK(privateKey)), this.settings.keyEncryptionSecret);
    return Object.assign(new SigningKeyEntity(), { kid, alg: SIGNING_ALG, publicJwk, privateJwk, createdAt: this.clock.iso(), retiredAt: null });
  }
}
