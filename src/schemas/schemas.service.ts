import { Inject, Injectable } from '@nestjs/common';
import {
  listResponse, NotFoundError, SchemaRegistry, toResourceTypeResource, toSchemaResource, buildServiceProviderConfig,
} from '@app/scim-core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BODY_LIMIT_BYTES } from '../common/json-body';
import { SCHEMA_REGISTRY } from './schema-registry.provider';

/** Discovery resources (RFC 7644 §4) rendered from the library's definitions. */
@Injectable()
export class SchemasService {
  constructor(
    @Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  schemas(base: string) {
    const all = this.registry.schemas().map((s) => toSchemaResource(s, `${base}/Schemas/${s.id}`));
    return listResponse(all, { totalResults: all.length, startIndex: 1, itemsPerPage: all.length });
  }

  schema(base: string, id: string) {
    const s = this.registry.schema(id);
    if (!s) throw new NotFoundError(`Schema ${id} not found`);
    return toSchemaResource(s, `${base}/Schemas/${s.id}`);
  }

  resourceTypes(base: string) {
    const all = this.registry.resourceTypes().map((t) => toResourceTypeResource(t, base));
    return listResponse(all, { totalResults: all.length, startIndex: 1, itemsPerPage: all.length });
  }

  resourceType(base: string, name: string) {
    const t = this.registry.findResourceType(name);
    if (!t) throw new NotFoundError(`ResourceType ${name} not found`);
    return toResourceTypeResource(t, base);
  }

  /** Advertises exactly what works (issue 3 §5): patch, filter, sort, etag; no bulk, no password change. */
  serviceProviderConfig(base: string) {
    return buildServiceProviderConfig({
      baseLocation: base,
      maxResults: this.config.maxResults,
      etag: true,
      sort: true,
      bulk: false,
      changePassword: false,
      patch: true,
      filter: true,
      maxPayloadSize: BODY_LIMIT_BYTES,
      documentationUri: `${this.config.publicBaseUrl}/docs`,
    });
  }
}
