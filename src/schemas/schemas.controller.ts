import { Controller, Delete, Get, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { methodNotAllowed } from '../common/method-not-allowed';
import { SCIM_ROUTE_PREFIXES, scimBaseUrl } from '../common/scim-location';
import { SchemasService } from './schemas.service';

/**
 * Discovery endpoints (RFC 7644 §4). Readable without a token (the RFC allows it; Entra's schema
 * discovery and validators read them), identical for every tenant, 405 for other verbs.
 */
@ApiTags('SCIM discovery')
@Controller(SCIM_ROUTE_PREFIXES)
export class SchemasController {
  constructor(
    private readonly schemas: SchemasService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('Schemas')
  @ApiOperation({ summary: 'List the SCIM schemas (User, Group, EnterpriseUser, configured extensions)' })
  @ApiOkResponse({ description: 'ListResponse of Schema resources (RFC 7643 §7)' })
  list(@Param('tenantId') tenantId?: string) {
    return this.schemas.schemas(scimBaseUrl(this.config, tenantId));
  }

  @Get('Schemas/:id')
  @ApiOperation({ summary: 'One schema by URN' })
  @ApiParam({ name: 'id', example: 'urn:ietf:params:scim:schemas:core:2.0:User' })
  one(@Param('id') id: string, @Param('tenantId') tenantId?: string) {
    return this.schemas.schema(scimBaseUrl(this.config, tenantId), id);
  }

  @Get('ResourceTypes')
  @ApiOperation({ summary: 'List the resource types (User, Group)' })
  resourceTypes(@Param('tenantId') tenantId?: string) {
    return this.schemas.resourceTypes(scimBaseUrl(this.config, tenantId));
  }

  @Get('ResourceTypes/:name')
  @ApiOperation({ summary: 'One resource type by name' })
  resourceType(@Param('name') name: string, @Param('tenantId') tenantId?: string) {
    return this.schemas.resourceType(scimBaseUrl(this.config, tenantId), name);
  }

  @Get('ServiceProviderConfig')
  @ApiOperation({ summary: 'What this service provider supports (RFC 7643 §5)' })
  serviceProviderConfig(@Param('tenantId') tenantId?: string) {
    return this.schemas.serviceProviderConfig(scimBaseUrl(this.config, tenantId));
  }

  @Post(['Schemas', 'Schemas/:id', 'ResourceTypes', 'ResourceTypes/:name', 'ServiceProviderConfig'])
  @ApiExcludeEndpoint()
  post() { methodNotAllowed(); }

  @Put(['Schemas', 'Schemas/:id', 'ResourceTypes', 'ResourceTypes/:name', 'ServiceProviderConfig'])
  @ApiExcludeEndpoint()
  put() { methodNotAllowed(); }

  @Patch(['Schemas', 'Schemas/:id', 'ResourceTypes', 'ResourceTypes/:name', 'ServiceProviderConfig'])
  @ApiExcludeEndpoint()
  patch() { methodNotAllowed(); }

  @Delete(['Schemas', 'Schemas/:id', 'ResourceTypes', 'ResourceTypes/:name', 'ServiceProviderConfig'])
  @ApiExcludeEndpoint()
  delete() { methodNotAllowed(); }
}
