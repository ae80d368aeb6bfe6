import { applyDecorators, UseGuards, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RequireScopes } from '../auth/principal';
import { ScimAuthGuard } from '../auth/scim-auth.guard';

/**
 * What every admin controller shares: the one bearer guard with the `admin` scope, strict DTO
 * validation (unknown fields are refused, not ignored) and the Swagger description of both.
 */
export function AdminApi(tag: string) {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth('bearer'),
    UseGuards(ScimAuthGuard),
    RequireScopes('admin'),
    UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true })),
    ApiUnauthorizedResponse({ description: 'Missing or invalid credential (SCIM Error, WWW-Authenticate: Bearer realm="scim")' }),
    ApiForbiddenResponse({ description: 'The credential lacks the admin scope, or the operation is for operator admins only (SCIM Error)' }),
    ApiNotFoundResponse({ description: 'No such tenant, or one this admin may not manage (the same 404)' }),
  );
}
