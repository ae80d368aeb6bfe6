import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError } from '@app/scim-core';
import { Principal } from '../auth/principal';
import { TenantsService, tenantUrl } from '../auth/tenants.service';
import { TenantEntity } from '../auth/tenant.entity';
import { TokensService } from '../auth/tokens.service';
import { OAuthClientsService } from '../auth/oauth/oauth-clients.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AdminAccessService } from './admin-access.service';
import { ClientView, CreateClientDto, CreatedClientView, IssuedTokenView, IssueTokenDto, TokenView } from './dto/credential.dto';
import { CreateTenantDto, TenantView, UpdateTenantDto } from './dto/tenant.dto';

/** The admin API's operations; each checks the caller's reach first (AdminAccessService). */
@Injectable()
export class AdminService {
  constructor(
    private readonly access: AdminAccessService,
    private readonly tenants: TenantsService,
    private readonly tokens: TokensService,
    private readonly clients: OAuthClientsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listTenants(p: Principal): Promise<TenantView[]> {
    const all = (await this.access.isOperator(p)) ? await this.tenants.list() : [await this.tenants.get(p.tenantId)];
    return all.map((t) => this.tenantView(t));
  }

  async createTenant(p: Principal, dto: CreateTenantDto): Promise<TenantView> {
    await this.access.requireOperator(p, 'create tenants');
    return this.tenantView(await this.tenants.create(dto.name));
  }

  async getTenant(p: Principal, id: string): Promise<TenantView> {
    return this.tenantView(await this.access.manageable(p, id));
  }

  async updateTenant(p: Principal, id: string, dto: UpdateTenantDto): Promise<TenantView> {
    const tenant = await this.access.manageable(p, id);
    if (dto.status !== undefined) await this.access.requireOperator(p, 'change a tenant status');
    if (dto.entraTenantId !== undefined) await this.access.requireOperator(p, 'link an Entra tenant');
    // Disabling the operator tenant would lock every admin out of the API (the CLI could still undo it).
    if (dto.status === 'disabled' && tenant.isOperator === 1) throw new ForbiddenError('The operator tenant cannot be disabled through the API');
    return this.tenantView(await this.tenants.update(id, { name: dto.name, status: dto.status, entraTenantId: dto.entraTenantId }));
  }

  async listTokens(p: Principal, tenantId: string): Promise<TokenView[]> {
    await this.access.manageable(p, tenantId);
    return this.tokens.list(tenantId);
  }

  async issueToken(p: Principal, tenantId: string, dto: IssueTokenDto): Promise<IssuedTokenView> {
    await this.access.manageable(p, tenantId);
    const issued = await this.tenants.issueToken(tenantId, { name: dto.name, scopes: dto.scopes, expiresInDays: dto.expiresInDays });
    return { token: issued.record, secretToken: issued.token, tenantUrl: tenantUrl(this.config, tenantId) };
  }

  async revokeToken(p: Principal, tenantId: string, tokenId: string): Promise<void> {
    await this.access.manageable(p, tenantId);
    await this.tokens.revoke(tenantId, tokenId);
  }

  async listClients(p: Principal, tenantId: string): Promise<ClientView[]> {
    await this.access.manageable(p, tenantId);
    return this.clients.list(tenantId);
  }

  async createClient(p: Principal, tenantId: string, dto: CreateClientDto): Promise<CreatedClientView> {
    await this.access.manageable(p, tenantId);
    const created = await this.tenants.createClient(tenantId, { name: dto.name, scopes: dto.scopes, expiresInDays: dto.expiresInDays });
    return { client: created.client, clientSecret: created.clientSecret, tokenUrl: `${this.config.publicBaseUrl}/oauth/token`, tenantUrl: tenantUrl(this.config, tenantId) };
  }

  async revokeClient(p: Principal, tenantId: string, clientId: string): Promise<void> {
    await this.access.manageable(p, tenantId);
    await this.clients.revoke(tenantId, clientId);
  }

  private tenantView(t: TenantEntity): TenantView {
    return { id: t.id, name: t.name, status: t.status, operator: t.isOperator === 1, entraTenantId: t.entraTenantId, createdAt: t.createdAt,
      tenantUrl: tenantUrl(this.config, t.id) };
  }
}
