import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { AdminApi } from './admin-api.decorators';
import { AdminService } from './admin.service';
import { ClientView, CreateClientDto, CreatedClientView, IssuedTokenView, IssueTokenDto, TokenView } from './dto/credential.dto';

/** A response that carries a secret must never be cached by anything on the way (RFC 9111 §5.2.2.5). */
const noStore = (reply: FastifyReply) => void reply.header('cache-control', 'no-store');

/** /api/v1/tenants/{id}/tokens and /clients: a tenant's credentials. Secrets are shown once, on creation. */
@AdminApi('Admin: credentials')
@Controller('api/v1/tenants/:id')
export class CredentialsAdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('tokens')
  @ApiOperation({ summary: 'List the tenant\'s secret tokens (never the secrets)' })
  @ApiOkResponse({ type: TokenView, isArray: true })
  listTokens(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.admin.listTokens(p, id);
  }

  @Post('tokens')
  @ApiOperation({ summary: 'Issue a secret token; the secret is in this response only' })
  @ApiCreatedResponse({ type: IssuedTokenView })
  issueToken(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: IssueTokenDto, @Res({ passthrough: true }) reply: FastifyReply) {
    noStore(reply);
    return this.admin.issueToken(p, id, dto);
  }

  @Delete('tokens/:tokenId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a secret token (effective on the next request)' })
  @ApiNoContentResponse()
  revokeToken(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('tokenId') tokenId: string) {
    return this.admin.revokeToken(p, id, tokenId);
  }

  @Get('clients')
  @ApiOperation({ summary: 'List the tenant\'s OAuth clients (never the secrets)' })
  @ApiOkResponse({ type: ClientView, isArray: true })
  listClients(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.admin.listClients(p, id);
  }

  @Post('clients')
  @ApiOperation({ summary: 'Create an OAuth client (client credentials grant); the secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedClientView })
  createClient(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: CreateClientDto, @Res({ passthrough: true }) reply: FastifyReply) {
    noStore(reply);
    return this.admin.createClient(p, id, dto);
  }

  @Delete('clients/:clientId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an OAuth client: its access tokens stop working on the next request' })
  @ApiNoContentResponse()
  revokeClient(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('clientId') clientId: string) {
    return this.admin.revokeClient(p, id, clientId);
  }
}
