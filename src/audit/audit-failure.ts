import type { Principal } from '../auth/principal';
import type { AuditResourceType } from './audit.types';

/** The parts of the raw Fastify request a failure event is built from. */
export interface FailedRequest {
  id: string;
  ip?: string;
  method: string;
  url: string;
  routeOptions?: { url?: string };
  params?: Record<string, string | undefined>;
  /** Set when the request was authenticated. */
  user?: Principal;
  /** Entra quirks, when the PATCH body was normalised before the failure. */
  scimPatch?: { quirks: string[] };
}

/** What a refused request was aimed at, read from its URL (the route may not have matched). */
export interface FailureTarget {
  /** The tenant id of a Tenant URL (`/scim/v2/<tenantId>/…`), unverified. */
  pathTenantId?: string;
  resourceType?: AuditResourceType;
  resourceId?: string;
  /** The matched route pattern, else the path without its query string. */
  route: string;
}

const TYPES = new Map<string, AuditResourceType>([['users', 'User'], ['groups', 'Group']]);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `/scim/v2[/<tenantId>]/(Users|Groups)[/<id>]`. Fastify's params are used when the route
 * matched; requests refused before routing (bad media type, unknown path) are parsed by hand.
 */
export function failureTargetOf(req: FailedRequest): FailureTarget {
  const path = req.url.split('?')[0];
  const segs = path.split('/').filter(Boolean).slice(2).map(decode);
  const first = segs[0];
  const pathTenantId = req.params?.tenantId ?? (first !== undefined && !TYPES.has(first.toLowerCase()) ? first : undefined);
  const rest = pathTenantId !== undefined && first === pathTenantId ? segs.slice(1) : segs;
  const resourceType = rest[0] === undefined ? undefined : TYPES.get(rest[0].toLowerCase());
  const resourceId = resourceType ? (req.params?.id ?? rest[1]) : undefined;
  return { pathTenantId, resourceType, resourceId, route: req.routeOptions?.url ?? path };
}

/**
 * Whose trail a failure joins: the authenticated principal's tenant; else (401, or refused before
 * authentication) the tenant of the Tenant URL, recorded as an anonymous attempt if that tenant
 * exists. A 401 is never attributed to the credential: a valid token used on another tenant's
 * URL must not write into its own tenant's trail as if it had acted.
 */
export function attributedPrincipal(req: FailedRequest, status: number, target: FailureTarget): Principal | undefined {
  const p = req.user;
  if (!p || status === 401) return undefined;
  if (target.pathTenantId !== undefined && target.pathTenantId !== p.tenantId) return undefined;
  return p;
}
