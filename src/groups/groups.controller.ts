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
import { etagOf } from '../common/etag';
import { ScimAuthDocs, ScimListQueryDocs } from '../common/scim-api.decorators';
import { ScimCall } from '../common/scim-call';
import { SCIM_ROUTE_PREFIXES } from '../common/scim-location';
import { scimRef } from '../bootstrap/openapi-scim-schemas';
import { SCIM_CONTENT_TYPE } from '../common/scim-error-response';
import { Scim } from '../common/scim-request.decorator';
import { projectionOf } from '../common/search-params';
import { ChunkedJson } from './chunked-json';
import { GroupsService } from './groups.service';

/**
 * A rendered body as Fastify's payload: one Buffer, or a stream over the Buffers of a large one.
 * The body is complete before its first byte is sent (every database or rendering error is still
 * an ordinary SCIM error response), and Content-Length is always set, so a transfer cut off by
 * the connection can never pass for a complete 200 (no chunked encoding). Once written out,
 * the body's memory is freed at once, not at the next full GC.
 */
function send(reply: FastifyReply, body: ChunkedJson) {
  void reply.header('content-type', SCIM_CONTENT_TYPE).header('content-length', String(body.byteLength));
  body.releaseWhenSent(reply.raw);
  return body.payload();
}

/** /Groups (RFC 7644 §3): thin handlers, one service call each. */
@ApiTags('SCIM Groups')
@ScimAuthDocs()
@ScimResourceType('Group')
@UseGuards(ScimAuthGuard, TenantRateLimitGuard)
@Controller(SCIM_ROUTE_PREFIXES)
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('Groups')
  @RequireScopes('scim:write')
  @ApiOperation({ summary: 'Create a group (RFC 7644 §3.3)' })
  @ApiBody({ description: 'A SCIM Group (urn:ietf:params:scim:schemas:core:2.0:Group); members by user or group id', schema: scimRef('ScimGroup') })
  @ApiCreatedResponse({ description: 'The created group; Location and ETag headers', schema: scimRef('ScimGroup') })
  async create(@Scim() call: ScimCall, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const group = await this.groups.create(call, body);
    void reply.status(201).header('location', group.location).header('etag', etagOf(group.version));
    return send(reply, group.body);
  }

  @Get('Groups')
  @ApiOperation({ summary: 'List or filter groups (RFC 7644 §3.4.2)' })
  @ScimListQueryDocs()
  @ApiOkResponse({ description: 'ListResponse', schema: scimRef('ScimListResponse') })
  async list(@Scim() call: ScimCall, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.groups.list(call, parseSearchQuery(query, { maxCount: this.config.maxResults })));
  }

  @Post('Groups/.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search groups with a SearchRequest body (RFC 7644 §3.4.3)' })
  @ApiBody({ schema: scimRef('ScimSearchRequest') })
  @ApiOkResponse({ schema: scimRef('ScimListResponse') })
  async search(@Scim() call: ScimCall, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.groups.list(call, parseSearchRequest(body, { maxCount: this.config.maxResults })));
  }

  @Get('Groups/:id')
  @ApiOperation({ summary: 'Get a group (RFC 7644 §3.4.1); If-None-Match → 304' })
  @ApiNotFoundResponse({ description: 'No such group in this tenant', schema: scimRef('ScimError') })
  @ApiOkResponse({ schema: scimRef('ScimGroup') })
  async get(@Scim() call: ScimCall, @Param('id') id: string, @Query() query: Record<string, string>,
    @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const { version, body } = await this.groups.get(call, id, projectionOf(query), ifNoneMatch);
    void reply.header('etag', etagOf(version));
    if (!body) {
      void reply.status(304);
      return undefined;
    }
    return send(reply, body);
  }

  @Put('Groups/:id')
  @RequireScopes('scim:write')
  @ApiOperation({ summary: 'Replace a group (RFC 7644 §3.5.1); If-Match → 412 on mismatch' })
  async replace(@Scim() call: ScimCall, @Param('id') id: string, @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const group = await this.groups.replace(call, id, body, ifMatch);
    void reply.header('etag', etagOf(group.version));
    return send(reply, group.body);
  }

  @Patch('Groups/:id')
  @UseInterceptors(EntraPatchNormalizationInterceptor)
  @RequireScopes('scim:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Modify a group (RFC 7644 §3.5.2): rename, add/remove/replace members in every Entra shape; 204' })
  @ApiBody({ description: 'PatchOp. Member ids not in the tenant are skipped; the valid members of the request are applied.', schema: scimRef('ScimPatchOp') })
  @ApiNoContentResponse({ description: 'Applied' })
  async patch(@Scim() call: ScimCall, @Param('id') id: string, @NormalizedPatchOps() patch: NormalizedPatch,
    @Headers('if-match') ifMatch: string | undefined) {
    await this.groups.patch(call, id, patch.operations, ifMatch);
  }

  @Delete('Groups/:id')
  @RequireScopes('scim:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a group and its memberships (member users remain) (RFC 7644 §3.6)' })
  @ApiNoContentResponse({ description: 'Deleted; later requests for the id get 404' })
  async delete(@Scim() call: ScimCall, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.groups.delete(call, id, ifMatch);
  }
}
