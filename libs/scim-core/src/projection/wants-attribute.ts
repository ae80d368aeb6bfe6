import type { AttrPath } from '../filter/ast';
import { decide } from './project-resource';
import { ProjectionSelection, type ProjectionContext, type ProjectionRequest } from './projection-selection';

/**
 * Whether any part of an attribute would be returned under this projection, so a service can
 * skip loading it: Entra reads groups with `excludedAttributes=members` (entra-scim.md R5, G2)
 * and a 100k-member group must then never touch the member rows. `attribute` is a bare or
 * URN-qualified top-level name (`members`, `urn:…:enterprise:2.0:User:manager`) or an AttrPath.
 * An attribute the schemas do not define is never wanted.
 */
export function wantsAttribute(request: ProjectionRequest, attribute: string | AttrPath, ctx: ProjectionContext): boolean {
  const path = typeof attribute === 'string' ? toAttrPath(attribute, ctx) : attribute;
  const resolved = ctx.registry.resolve(ctx.resourceType, { ...path, sub: undefined });
  if (!resolved) return false;
  return decide(resolved.attribute, resolved.schemaId, new ProjectionSelection(request, ctx)) !== undefined;
}

function toAttrPath(name: string, ctx: ProjectionContext): AttrPath {
  const split = ctx.registry.splitUrnPath(name);
  return split.uri === undefined ? { attr: name } : { uri: split.uri, attr: split.rest };
}
