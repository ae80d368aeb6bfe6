import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@app/scim-core';
import { Principal } from '../auth/principal';
import { TenantsService } from '../auth/tenants.service';
import { TenantEntity } from '../auth/tenant.entity';

/**
 * Who may manage which tenant (docs/auth.md "Admin API"). An admin credential is bound to its
 * tenant like every credential. The operator tenant's admins (the tenant the first start created)
 * manage every tenant; any other tenant's admins manage only their own tokens and clients and its
 * name. Another tenant is answered exactly like a tenant that does not exist (404), so ids do not
 * leak. Creating tenants, changing a status and linking an Entra tenant are operator decisions.
 */
@Injectable()
export class AdminAccessService {
  constructor(private readonly tenants: TenantsService) {}

  async isOperator(p: Principal): Promise<boolean> {
    const own = await this.tenants.get(p.tenantId).catch(() => undefined);
    return own?.isOperator === 1;
  }

  /** The tenant, if this principal may manage it; else the same 404 as an unknown id. */
  async manageable(p: Principal, tenantId: string): Promise<TenantEntity> {
    if (tenantId !== p.tenantId && !(await this.isOperator(p))) throw new NotFoundError('Tenant not found');
    return this.tenants.get(tenantId);
  }

  async requireOperator(p: Principal, what: string): Promise<void> {
    if (!(await this.isOperator(p))) throw new ForbiddenError(`Only the operator tenant's admins may ${what}`);
  }
}
