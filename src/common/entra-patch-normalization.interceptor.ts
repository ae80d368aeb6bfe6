import { CallHandler, createParamDecorator, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EntraQuirk, normalizeEntraPatch, parsePatchRequest, PatchOperation, SchemaRegistry } from '@app/scim-core';
import { Observable } from 'rxjs';
import { SCHEMA_REGISTRY } from '../schemas/schema-registry.provider';

export const SCIM_RESOURCE_TYPE = 'scimbridge:resourceType';
/** Marks a controller with the SCIM resource type its PATCH bodies address. */
export const ScimResourceType = (type: 'User' | 'Group') => SetMetadata(SCIM_RESOURCE_TYPE, type);

export interface NormalizedPatch {
  operations: PatchOperation[];
  quirks: EntraQuirk[];
}

interface PatchRequest {
  method: string;
  body?: unknown;
  scimPatch?: NormalizedPatch;
}

/**
 * Turns every Entra PATCH shape (entra-scim.md §4: capitalised ops, "True"/"False", path-less
 * dotted and URN keys, the three member-removal forms, manager forms …) into RFC 7644 §3.5.2
 * operations before the controller runs, and records which quirks were needed (audit, metrics).
 * Bound to the PATCH handlers only (`@UseInterceptors` on the method): reads pay for no
 * interceptor chain.
 */
@Injectable()
export class EntraPatchNormalizationInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<PatchRequest>();
    const resourceType = this.reflector.getAllAndOverride<string>(SCIM_RESOURCE_TYPE, [context.getHandler(), context.getClass()]);
    const operations = parsePatchRequest(req.body);
    req.scimPatch = normalizeEntraPatch(operations, { registry: this.registry, resourceType });
    return next.handle();
  }
}

/**
 * The normalised PATCH operations of this request. A handler that uses it without the
 * interceptor is a programming error, refused loudly: an empty default would turn every PATCH
 * into a silent no-op.
 */
export const NormalizedPatchOps = createParamDecorator((_: unknown, ctx: ExecutionContext): NormalizedPatch => {
  const req = ctx.switchToHttp().getRequest<PatchRequest>();
  if (!req.scimPatch) throw new Error('@NormalizedPatchOps() needs @UseInterceptors(EntraPatchNormalizationInterceptor) on its handler');
  return req.scimPatch;
});
