import { Controller, Get, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NO_STORE, OAuthExceptionFilter } from './oauth-exception.filter';
import { OAuthTokenService } from './oauth-token.service';
import { SigningKeysService } from './signing-keys.service';

/** The OAuth 2.0 token endpoint (RFC 6749 §3.2) and the JWK Set of our signing keys (RFC 7517 §5). */
@ApiTags('OAuth 2.0')
@Controller()
export class OAuthController {
  constructor(
    private readonly tokens: OAuthTokenService,
    private readonly keys: SigningKeysService,
  ) {}

  @Post('oauth/token')
  @HttpCode(200)
  @UseFilters(OAuthExceptionFilter)
  @ApiOperation({
    summary: 'Client credentials grant (RFC 6749 §4.4): a signed JWT access token for a tenant',
    description: 'Form-encoded. Authenticate with client_secret_basic (Authorization: Basic) or client_secret_post '
      + '(client_id + client_secret in the body). Errors are OAuth JSON (RFC 6749 §5.2): invalid_request, invalid_client (401), '
      + 'unsupported_grant_type, invalid_scope.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: { type: 'object', required: ['grant_type'], properties: {
    grant_type: { type: 'string', enum: ['client_credentials'] }, scope: { type: 'string', example: 'scim:read scim:write' },
    client_id: { type: 'string' }, client_secret: { type: 'string' } } } })
  @ApiOkResponse({ description: '{"access_token":"…","token_type":"Bearer","expires_in":3600,"scope":"scim:read scim:write"}' })
  async token(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const res = await this.tokens.token({
      contentType: req.headers['content-type'], authorization: req.headers.authorization, body: req.body, clientAddress: req.ip,
    });
    void reply.headers(NO_STORE);
    return res;
  }

  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'JWK Set of the keys that sign access tokens (current and recently retired)' })
  async jwks(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'public, max-age=300');
    return this.keys.jwks();
  }
}
