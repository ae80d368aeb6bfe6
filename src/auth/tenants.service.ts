import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InvalidValueError, NotFoundError, UniquenessError } from '@app/scim-core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { Db, TransactionRunner } from '../database/transaction-runner';
import { ENTRA_TENANT_ID } from './entra/entra-jwt.verifier';
import { CreateClientOptions, CreatedClient, OAuthClientsService } from './oauth/oauth-clients.service';
import { SCOPES } from './principal';
import { TenantEntity } from './tenant.entity';
import { TenantsRepository } from './tenants.repository';
import { IssuedToken, IssueTokenOptions, TokensService } from './tokens.service';

export { tenantUrl } from './tenant-url';

export type TenantStatus = 'active' | 'disabled';

export interface TenantChanges {
  name?: string;
  status?: TenantStatus;
  /** An Entra tenant id (GUID) to link, or null to unlink. */
  entraTenantId?: string | null;
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: TenantsRepository,
    private readonly tokens: TokensService,
    private readonly clients: OAuthClientsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  create(name: string): Promise<TenantEntity> {
    return this.tx.write((db) => this.createIn(db, name));
  }

  async createIn(db: Db, name: string, operator = false): Promise<TenantEntity> {
    const t = Object.assign(new TenantEntity(), {
      id: randomUUID(), name: cleanName(name), status: 'active', createdAt: this.clock.iso(), isOperator: operator ? 1 : 0, entraTenantId: null,
    });
    await this.repo.insert(db, t);
    return t;
  }

  list(): Promise<TenantEntity[]> {
    return this.tx.read((db) => this.repo.list(db));
  }

  async get(id: string): Promise<TenantEntity> {
    const t = await this.tx.read((db) => this.repo.find(db, id));
    if (!t) throw new NotFoundError('Tenant not found');
    return t;
  }

  async setStatus(id: string, status: TenantStatus): Promise<void> {
    await this.update(id, { status });
  }

  /** Applies the changes in one transaction and returns the tenant as it now is. */
  async update(id: string, changes: TenantChanges): Promise<TenantEntity> {
    return this.tx.write(async (db) => {
      if (!(await this.repo.find(db, id))) throw new NotFoundError('Tenant not found');
      if (changes.name !== undefined) await this.repo.setName(db, id, cleanName(changes.name));
      if (changes.status !== undefined) await this.repo.setStatus(db, id, changes.status);
      if (changes.entraTenantId !== undefined) await this.linkEntraIn(db, id, changes.entraTenantId);
      return (await this.repo.find(db, id)) as TenantEntity;
    });
  }

  async issueToken(tenantId: string, opts: IssueTokenOptions): Promise<IssuedToken> {
    await this.get(tenantId);
    return this.tx.write((db) => this.tokens.issue(db, tenantId, opts));
  }

  async createClient(tenantId: string, opts: CreateClientOptions): Promise<CreatedClient> {
    await this.get(tenantId);
    return this.clients.create(tenantId, opts);
  }

  /**
   * First start with an empty database: create the operator tenant and a token with every scope
   * (BOOTSTRAP_TOKEN if set). Returns what to print once, or undefined when tenants exist.
   */
  async bootstrapIfEmpty(): Promise<{ tenant: TenantEntity; token: string } | undefined> {
    return this.tx.write(async (db) => {
      if ((await this.repo.count(db)) > 0) return undefined;
      const tenant = await this.createIn(db, 'Default tenant', true);
      const issued = await this.tokens.issue(db, tenant.id, { name: 'Bootstrap token', scopes: [...SCOPES], secret: this.config.bootstrapToken, expiresInDays: this.config.tokenTtlDays });
      return { tenant, token: issued.token };
    });
  }

  private async linkEntraIn(db: Db, id: string, entraTenantId: string | null): Promise<void> {
    const tid = entraTenantId === null ? null : entraTenantId.trim().toLowerCase();
    if (tid !== null) {
      if (!ENTRA_TENANT_ID.test(tid)) throw new InvalidValueError('entraTenantId must be an Entra tenant id (a GUID)');
      const holder = await this.repo.findByEntraTenant(db, tid);
      if (holder && holder.id !== id) throw new UniquenessError('That Entra tenant is already linked to another tenant');
    }
    await this.repo.setEntraTenant(db, id, tid);
  }
}

function cleanName(name: string): string {
  const clean = name.trim();
  if (!clean || clean.length > 200) throw new InvalidValueError('Tenant name must be 1–200 characters');
  return clean;
}
