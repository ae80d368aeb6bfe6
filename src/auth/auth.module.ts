import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AUTH_SETTINGS, resolveAuthSettings } from './auth-settings';
import { BearerStrategy } from './bearer.strategy';
import { CredentialVerifier } from './credential-verifier';
import { EntraJwtVerifier } from './entra/entra-jwt.verifier';
import { AccessTokensService } from './oauth/access-tokens.service';
import { OAuthClientsRepository } from './oauth/oauth-clients.repository';
import { OAuthClientsService } from './oauth/oauth-clients.service';
import { OAuthTokenService } from './oauth/oauth-token.service';
import { OAuthController } from './oauth/oauth.controller';
import { SigningKeysRepository } from './oauth/signing-keys.repository';
import { SigningKeysService } from './oauth/signing-keys.service';
import { TokenFormParser } from './oauth/token-form-parser';
import { AUTH_FAILURE_LIMITER, InMemoryAuthFailureLimiter } from './rate-limit/auth-failure-limiter';
import { ScimAuthGuard } from './scim-auth.guard';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';
import { TokensRepository } from './tokens.repository';
import { TokensService } from './tokens.service';

/**
 * Tenants and every credential: secret tokens, OAuth clients and their access tokens (with the
 * token endpoint and JWKS), Entra-issued tokens, the bearer strategy and the guard.
 */
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [OAuthController],
  providers: [
    { provide: AUTH_SETTINGS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => resolveAuthSettings(c) },
    { provide: AUTH_FAILURE_LIMITER, useClass: InMemoryAuthFailureLimiter },
    BearerStrategy, CredentialVerifier, ScimAuthGuard,
    TokensService, TokensRepository, TenantsService, TenantsRepository,
    OAuthClientsService, OAuthClientsRepository, OAuthTokenService, AccessTokensService, SigningKeysService, SigningKeysRepository,
    EntraJwtVerifier, TokenFormParser,
  ],
  exports: [ScimAuthGuard, TokensService, TenantsService, OAuthClientsService, SigningKeysService, AUTH_FAILURE_LIMITER],
})
export class AuthModule {}
