import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/scim-core';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { checkScopes, expiryAfter, isLive, LastUsedRecorder, scopeList } from '../credential-common';
import { Scope } from '../principal';
import { CLIENT_SECRET_PREFIX, digestsEqual, digestToken, generateClientSecret, tokenHint } from '../token-format';
import { OAuthClientEntity } from './oauth-client.entity';
import { ClientRow, OAuthClientsRepository } from './oauth-clients.repository';

export interface CreateClientOptions {
  name?: string;
  scopes?: string[];
  /** Lifetime of the client secret in days; 0 = never; default TOKEN_TTL_DAYS. */
  expiresInDays?: number;
}

/** A client as operators see it: never the secret or its digest. */
export interface ClientView {
  clientId: string;
  tenantId: string;
  name: string;
  secretHint: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedClient {
  client: ClientView;
  clientSecret: string;
}

export interface AuthenticatedClient {
  clientId: string;
  tenantId: string;
  name: string;
  scopes: Scope[];
}

const CLIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Compared against when the client does not exist, so both paths do the same work. */
const DUMMY_DIGEST = digestToken('scimbridge-no-such-client');

/** OAuth clients (RFC 6749 §2.3.1): create, list, revoke, authenticate. */
@Injectable()
export class OAuthClientsService {
  private readonly lastUsed: LastUsedRecorder;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: OAuthClientsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lastUsed = new LastUsedRecorder((id, at) => this.tx.write((db) => this.repo.touch(db, id, at)));
  }

  /** The caller checks that the tenant exists. The secret is returned here and never again. */
  async create(tenantId: string, opts: CreateClientOptions = {}): Promise<CreatedClient> {
    const scopes = checkScopes(opts.scopes ?? ['scim:read', 'scim:write']);
    const secret = generateClientSecret();
    const now = this.clock.now();
    const entity = Object.assign(new OAuthClientEntity(), {
      id: randomUUID(), tenantId, name: opts.name?.trim() || 'OAuth client', secretDigest: digestToken(secret),
      secretHint: tokenHint(secret, CLIENT_SECRET_PREFIX), scopes: scopes.join(' '), createdAt: now.toISOString(),
      expiresAt: expiryAfter(now, opts.expiresInDays ?? this.config.tokenTtlDays), revokedAt: null, lastUsedAt: null,
    });
    await this.tx.write((db) => this.repo.insert(db, entity));
    const row: ClientRow = { id: entity.id, tenant_id: tenantId, name: entity.name, secret_hint: entity.secretHint, scopes: entity.scopes,
      created_at: entity.createdAt, expires_at: entity.expiresAt, revoked_at: null, last_used_at: null };
    return { client: this.view(row), clientSecret: secret };
  }

  list(tenantId: string): Promise<ClientView[]> {
    return this.tx.read(async (db) => (await this.repo.listByTenant(db, tenantId)).map((r) => this.view(r)));
  }

  async revoke(tenantId: string, clientId: string): Promise<void> {
    const n = await this.tx.write((db) => this.repo.revoke(db, tenantId, clientId, this.clock.iso()));
    if (n === 0) throw new NotFoundError('Client not found or already revoked');
  }

  /** client_id + client_secret → the client, or undefined for any failure (no reason given). */
  async authenticate(clientId: string, secret: string): Promise<AuthenticatedClient | undefined> {
    const row = CLIENT_ID.test(clientId) ? await this.tx.read((db) => this.repo.findForAuth(db, clientId)) : undefined;
    const matches = digestsEqual(digestToken(secret), row?.secret_digest ?? DUMMY_DIGEST);
    return row && matches ? this.live(row) : undefined;
  }

  /** For access-token verification: the client must still be live (revocation is immediate). */
  async findLive(clientId: string): Promise<AuthenticatedClient | undefined> {
    if (!CLIENT_ID.test(clientId)) return undefined;
    const row = await this.tx.read((db) => this.repo.findForAuth(db, clientId));
    return row ? this.live(row) : undefined;
  }

  private live(row: ClientRow): AuthenticatedClient | undefined {
    const now = this.clock.now();
    if (!isLive(row, now)) return undefined;
    this.lastUsed.touch(row.id, now);
    return { clientId: row.id, tenantId: row.tenant_id, name: row.name, scopes: scopeList(row.scopes) };
  }

  private view(r: ClientRow): ClientView {
    return { clientId: r.id, tenantId: r.tenant_id, name: r.name, secretHint: r.secret_hint, scopes: scopeList(r.scopes),
      createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at };
  }
}
