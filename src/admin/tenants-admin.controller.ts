import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { AdminApi } from './admin-api.decorators';
import { AdminService } from './admin.service';
import { CreateTenantDto, TenantView, UpdateTenantDto } from './dto/tenant.dto';

/** /api/v1/tenants: thin handlers, one service call each. */
@AdminApi('Admin: tenants')
@Controller('api/v1/tenants')
export class TenantsAdminController {
  constructor(private readonly admin: AdminService) {}

  @Get()
  @ApiOperation({ summary: 'List tenants (every tenant for operator admins, else only the caller\'s own)' })
  @ApiOkResponse({ type: TenantView, isArray: true })
  list(@CurrentPrincipal() p: Principal) {
    return this.admin.listTenants(p);
  }

  @Post()
  @ApiOperation({ summary: 'Create a tenant (operator admins only)' })
  @ApiCreatedResponse({ type: TenantView })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateTenantDto) {
    return this.admin.createTenant(p, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a tenant' })
  @ApiOkResponse({ type: TenantView })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.admin.getTenant(p, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a tenant; enable or disable it and link an Entra tenant (operator admins only)' })
  @ApiOkResponse({ type: TenantView })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: UpdateTenantDto) {
    return this.admin.updateTenant(p, id, dto);
  }
}
