import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseSearchQuery, parseSearchRequest } from '@app/scim-core';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RequireScopes } from '../auth/principal';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { TenantRateLimitGuard } from '../observability/rate-limit/tenant-rate-limit.guard';
import { EntraPatchNormalizationInterceptor, NormalizedPatch, NormalizedPatchOps, ScimResourceType } from '../common/entra-patch-normalization.interceptor';
import { etagOf, notModified } from '../common/etag';
import { ScimAuthDocs, ScimListQueryDocs } from '../common/scim-api.decorators';
import { ScimCall } from '../common/scim-call';
import { SCIM_ROUTE_PREFIXES } from '../common/scim-location';
import { scimRef } from '../bootstrap/openapi-scim-schemas';
import { Scim } from '../common/scim-request.decorator';
import { projectionOf } from '../common/search-params';
import { UsersService } from './users.service';

type Resource = Record<string, unknown>;
const versionOf = (r: Resource) => String((r.meta as { version?: string } | undefined)?.version ?? '');

/** /Users (RFC 7644 §3): thin handlers, one service call each. */
@ApiTags('SCIM Users')
@ScimAuthDocs()
@ScimResourceType('User')
@UseGuards(ScimAuthGuard, TenantRateLimitGuard)
@Controller(SCIM_ROUTE_PREFIXES)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('Users')
  @RequireScopes('scim:write')
  @ApiOperation({ summary: 'Create a user (RFC 7644 §3.3)' })
  @ApiBody({ description: 'A SCIM User (urn:ietf:params:scim:schemas:core:2.0:User, optional enterprise extension)', schema: scimRef('ScimUser') })
  @ApiCreatedResponse({ description: 'The created user; Location and ETag headers', schema: scimRef('ScimUser') })
  async create(@Scim() call: ScimCall, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const user = await this.users.create(call, body);
    void reply.status(201).header('location', (user.meta as { location: string }).location).header('etag', versionOf(user));
    return user;
  }

  @Get('Users')
  @ApiOperation({ summary: 'List or filter users (RFC 7644 §3.4.2)' })
  @ScimListQueryDocs()
  @ApiOkResponse({ description: 'ListResponse', schema: scimRef('ScimListResponse') })
  list(@Scim() call: ScimCall, @Query() query: Record<string, unknown>) {
    return this.users.list(call, parseSearchQuery(query, { maxCount: this.config.maxResults }));
  }

  @Post('Users/.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search users with a SearchRequest body (RFC 7644 §3.4.3)' })
  @ApiBody({ schema: scimRef('ScimSearchRequest') })
  @ApiOkResponse({ schema: scimRef('ScimListResponse') })
  search(@Scim() call: ScimCall, @Body() body: unknown) {
    return this.users.list(call, parseSearchRequest(body, { maxCount: this.config.maxResults }));
  }

  @Get('Users/:id')
  @ApiOperation({ summary: 'Get a user (RFC 7644 §3.4.1); If-None-Match → 304' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant', schema: scimRef('ScimError') })
  @ApiOkResponse({ schema: scimRef('ScimUser') })
  async get(@Scim() call: ScimCall, @Param('id') id: string, @Query() query: Record<string, string>,
    @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const { resource, version } = await this.users.get(call, id, projectionOf(query));
    void reply.header('etag', etagOf(version));
    if (notModified(ifNoneMatch, version)) {
      void reply.status(304);
      return undefined;
    }
    return resource;
  }

  @Put('Users/:id')
  @RequireScopes('scim:write')
  @ApiOperation({ summary: 'Replace a user (RFC 7644 §3.5.1); If-Match → 412 on mismatch' })
  async replace(@Scim() call: ScimCall, @Param('id') id: string, @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const user = await this.users.replace(call, id, body, ifMatch);
    void reply.header('etag', versionOf(user));
    return user;
  }

  @Patch('Users/:id')
  @RequireScopes('scim:write')
  @UseInterceptors(EntraPatchNormalizationInterceptor)
  @ApiOperation({ summary: 'Modify a user (RFC 7644 §3.5.2, every Entra PATCH shape); 200 with the user' })
  @ApiBody({ description: 'PatchOp: {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[…]}', schema: scimRef('ScimPatchOp') })
  async patch(@Scim() call: ScimCall, @Param('id') id: string, @NormalizedPatchOps() patch: NormalizedPatch,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const user = await this.users.patch(call, id, patch.operations, ifMatch);
    void reply.header('etag', versionOf(user));
    return user;
  }

  @Delete('Users/:id')
  @RequireScopes('scim:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user and its memberships (RFC 7644 §3.6)' })
  @ApiNoContentResponse({ description: 'Deleted; later requests for the id get 404' })
  async delete(@Scim() call: ScimCall, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.users.delete(call, id, ifMatch);
  }
}
