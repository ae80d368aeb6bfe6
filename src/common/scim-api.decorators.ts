import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiPayloadTooLargeResponse, ApiQuery, ApiResponse, ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { scimRef } from '../bootstrap/openapi-scim-schemas';

const ERROR = { schema: scimRef('ScimError') };
const ERROR_BODY = { description: 'invalidFilter, invalidSyntax, invalidValue, invalidPath, mutability … (SCIM Error)', ...ERROR };

/** Auth and error documentation shared by every SCIM resource route. */
export function ScimAuthDocs() {
  return applyDecorators(
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'Missing, invalid, expired or revoked token, or a Tenant URL of another tenant (WWW-Authenticate: Bearer realm="scim")', ...ERROR }),
    ApiForbiddenResponse({ description: 'The token lacks the scope (scim:read / scim:write)', ...ERROR }),
    ApiBadRequestResponse(ERROR_BODY),
    ApiPayloadTooLargeResponse({ description: 'Body over 1 MiB', ...ERROR }),
    ApiUnsupportedMediaTypeResponse({ description: 'Body not application/json or application/scim+json', ...ERROR }),
    ApiResponse({ status: 503, description: 'Database unavailable; Retry-After set', ...ERROR }),
  );
}

/** The RFC 7644 §3.4.2 query parameters of a list endpoint. */
export function ScimListQueryDocs() {
  return applyDecorators(
    ApiQuery({ name: 'filter', required: false, description: 'RFC 7644 §3.4.2.2 filter, e.g. userName eq "bjensen@example.com"' }),
    ApiQuery({ name: 'startIndex', required: false, type: Number, description: '1-based index of the first result' }),
    ApiQuery({ name: 'count', required: false, type: Number, description: 'Page size (capped at filter.maxResults)' }),
    ApiQuery({ name: 'cursor', required: false, description: 'RFC 9865 cursor pagination: "" for the first page, then nextCursor' }),
    ApiQuery({ name: 'sortBy', required: false }),
    ApiQuery({ name: 'sortOrder', required: false, enum: ['ascending', 'descending'] }),
    ApiQuery({ name: 'attributes', required: false, description: 'Comma-separated attribute paths to return' }),
    ApiQuery({ name: 'excludedAttributes', required: false, description: 'Comma-separated attribute paths to omit (e.g. members)' }),
  );
}
