import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/scim-core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { Db, TransactionRunner } from '../database/transaction-runner';
import { ApiTokenEntity } from './api-token.entity';
import { checkScopes, expiryAfter, isLive, LastUsedRecorder, scopeList } from './credential-common';
import { Principal, Scope } from './principal';
import { digestToken, generateToken, looksLikeToken, tokenHint } from './token-format';
import { TokenRow, TokensRepository } from './tokens.repository';

export interface IssueTokenOptions {
  name?: string;
  scopes?: Scope[];
  /** Lifetime in days; 0 = never expires; default from TOKEN_TTL_DAYS. */
  expiresInDays?: number;
  /** Use this secret instead of generating one (BOOTSTRAP_TOKEN). */
  secret?: string;
}

export interface IssuedToken {
  token: string;
  record: TokenView;
}

/** A token as operators see it: never the secret or its digest. */
export interface TokenView {
  id: string;
  tenantId: string;
  name: string;
  hint: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/**
 * Issues, verifies and revokes secret tokens. A tenant may hold any number of active tokens, so
 * a rotation overlaps: issue the new one, switch the IdP, revoke the old one (issue 4).
 */
@Injectable()
export class TokensService {
  private readonly lastUsed: LastUsedRecorder;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: TokensRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lastUsed = new LastUsedRecorder((id, at) => this.tx.write((db) => this.repo.touch(db, id, at)));
  }

  async issue(db: Db, tenantId: string, opts: IssueTokenOptions = {}): Promise<IssuedToken> {
    const scopes = checkScopes(opts.scopes ?? ['scim:read', 'scim:write']);
    const token = opts.secret ?? generateToken();
    const now = this.clock.now();
    const entity = Object.assign(new ApiTokenEntity(), {
      id: randomUUID(),
      tenantId,
      name: opts.name?.trim() || 'Secret token',
      tokenDigest: digestToken(token),
      tokenHint: tokenHint(token),
      scopes: scopes.join(' '),
      createdAt: now.toISOString(),
      expiresAt: expiryAfter(now, opts.expiresInDays ?? this.config.tokenTtlDays),
      revokedAt: null,
      lastUsedAt: null,
    });
    await this.repo.insert(db, entity);
    return { token, record: this.view(this.rowOf(entity)) };
  }

  /**
   * Resolves a presented secret to a principal, or undefined for any kind of failure. Looked up by
   * its SHA-256 digest, so no secret is ever compared character by character (no timing oracle).
   */
  async verify(token: string): Promise<Principal | undefined> {
    if (!looksLikeToken(token)) return undefined;
    const row = await this.tx.read((db) => this.repo.findByDigest(db, digestToken(token)));
    const now = this.clock.now();
    if (!row || !isLive(row, now)) return undefined;
    this.lastUsed.touch(row.id, now);
    return { tenantId: row.tenant_id, actorId: row.id, actorName: row.name, actorType: 'token', scopes: new Set(scopeList(row.scopes)) };
  }

  list(tenantId: string): Promise<TokenView[]> {
    return this.tx.read(async (db) => (await this.repo.listByTenant(db, tenantId)).map((r) => this.view(r)));
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    const n = await this.tx.write((db) => this.repo.revoke(db, tenantId, id, this.clock.iso()));
    if (n === 0) throw new NotFoundError('Token not found or already revoked');
  }

  private rowOf(e: ApiTokenEntity): TokenRow {
    return { id: e.id, tenant_id: e.tenantId, name: e.name, token_hint: e.tokenHint, scopes: e.scopes, created_at: e.createdAt,
      expires_at: e.expiresAt, revoked_at: e.revokedAt, last_used_at: e.lastUsedAt };
  }

  private view(r: TokenRow): TokenView {
    return { id: r.id, tenantId: r.tenant_id, name: r.name, hint: r.token_hint, scopes: scopeList(r.scopes),
      createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at };
  }
}
