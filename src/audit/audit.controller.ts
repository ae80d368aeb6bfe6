import { Controller, Get, Param, Query, StreamableFile, UseGuards, UsePipes, ValidationPipe } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireScopes } from '../auth/principal';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { AuditQueryService } from './audit-query.service';
import { AuditEventPage, AuditHistoryPage, AuditSummaryView, AuditVerifyView } from './audit-responses.view';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditEventsQueryDto, AuditHistoryParamsDto, AuditPageQueryDto, AuditTimeRangeDto } from './dto/audit-query.dto';

/**
 * The provisioning history (issue 5). Read-only, `audit:read` scope, and always the caller's own
 * tenant: the tenant comes from the credential, never from the request.
 */
@ApiTags('Audit')
@ApiBearerAuth('bearer')
@ApiUnauthorizedResponse({ description: 'Missing, invalid, expired or revoked credential' })
@ApiForbiddenResponse({ description: 'The credential lacks the audit:read scope' })
@ApiBadRequestResponse({ description: 'Invalid query parameter or cursor (SCIM Error body)' })
@UseGuards(ScimAuthGuard)
@RequireScopes('audit:read')
@UsePipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }))
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly verifier: AuditVerifierService,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'List audit events, newest first, with filters and cursor pagination' })
  @ApiOkResponse({ type: AuditEventPage })
  list(@CurrentPrincipal() p: Principal, @Query() q: AuditEventsQueryDto): Promise<AuditEventPage> {
    return this.query.list(p.tenantId, q);
  }

  @Get('resources/:resourceType/:id/history')
  @ApiOperation({ summary: "One resource's full history, oldest first, with the attribute-level diff of each change" })
  @ApiParam({ name: 'resourceType', enum: ['Users', 'Groups'] })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: AuditHistoryPage })
  history(@CurrentPrincipal() p: Principal, @Param() params: AuditHistoryParamsDto, @Query() q: AuditPageQueryDto): Promise<AuditHistoryPage> {
    return this.query.history(p.tenantId, params.resourceType, params.id, q);
  }

  @Get('export')
  @ApiOperation({ summary: 'Export events of a time range as NDJSON (one event per line, oldest first), streamed' })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'application/x-ndjson: one AuditEvent JSON object per line' })
  export(@CurrentPrincipal() p: Principal, @Query() q: AuditTimeRangeDto): StreamableFile {
    return new StreamableFile(this.query.export(p.tenantId, q), { type: 'application/x-ndjson; charset=utf-8' });
  }

  @Get('summary')
  @ApiOperation({ summary: 'Counts by action and outcome for a period' })
  @ApiOkResponse({ type: AuditSummaryView })
  summary(@CurrentPrincipal() p: Principal, @Query() q: AuditTimeRangeDto): Promise<AuditSummaryView> {
    return this.query.summary(p.tenantId, q);
  }

  @Get('verify')
  @ApiOperation({ summary: "Verify the tenant's hash chain; names the first missing, reordered or edited event" })
  @ApiOkResponse({ type: AuditVerifyView })
  verify(@CurrentPrincipal() p: Principal): Promise<AuditVerifyView> {
    return this.verifier.verify(p.tenantId);
  }
}
