import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import { SCIM_OPENAPI_SCHEMAS } from './openapi-scim-schemas';

/**
 * Swagger UI at /docs and the OpenAPI document at /docs-json. SCIM bodies are described by the
 * SCIM schemas served at /Schemas; the OpenAPI document names them and every error shape.
 */
export function setupSwagger(app: NestFastifyApplication, config: AppConfig): void {
  const doc = new DocumentBuilder()
    .setTitle('Scimbridge')
    .setDescription([
      'SCIM 2.0 service provider (RFC 7643 / RFC 7644) for Microsoft Entra ID, Okta and other IdPs.',
      '',
      'SCIM routes are served at `/scim/v2/{tenantId}/…` (the Tenant URL pasted into Entra) and at `/scim/v2/…`',
      '(tenant taken from the token). Request bodies are `application/scim+json` or `application/json`;',
      'responses are `application/scim+json`. Every error is a SCIM Error (`urn:ietf:params:scim:api:messages:2.0:Error`)',
      'whose `status` is a string. Authenticate with `Authorization: Bearer <secret token>`.',
    ].join('\n'))
    .setVersion('0.1.0')
    .addServer(config.publicBaseUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Secret token (scimb_…) or an OAuth access token' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...SCIM_OPENAPI_SCHEMAS } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
