import { URN } from '../messages/urns';
import type { CoerceResourceContext, CoercionWarning } from './coerce-resource';
import { ENTERPRISE_URN_TYPO } from './resource-keys';

/**
 * Looks at the client's `schemas` only to report oddities: the output `schemas` is recomputed from
 * the data (resource-schemas.ts). Unknown URNs are tolerated, in particular Entra's
 * `http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group` (entra-scim.md G1:
 * "must not reject") and the `…enterprise:2.0User` typo (§2 Example 2).
 */
export function checkSchemasList(raw: unknown, ctx: CoerceResourceContext, warnings: CoercionWarning[]): void {
  if (!Array.isArray(raw)) return;
  const type = ctx.registry.resourceType(ctx.resourceType);
  const known = [type.schema, ...type.schemaExtensions.map((e) => e.schema)].map((u) => u.toLowerCase());
  for (const uri of raw) {
    if (typeof uri !== 'string') continue;
    const lower = uri.toLowerCase();
    if (known.includes(lower)) continue;
    if (lower === URN.ADSCIM_GROUP.toLowerCase()) warnings.push({ code: 'quirk', path: 'schemas', quirk: 'ADSCIM-group-schema' });
    else if (lower === ENTERPRISE_URN_TYPO.toLowerCase()) warnings.push({ code: 'quirk', path: 'schemas', quirk: 'enterprise-urn-typo' });
    else warnings.push({ code: 'unknown-schema', path: `schemas: ${uri}` });
  }
}
