import type { Principal } from '../auth/principal';
import { attributedPrincipal, FailedRequest, failureTargetOf } from './audit-failure';

const T = '11111111-2222-3333-4444-555555555555';
const req = (url: string, extra: Partial<FailedRequest> = {}): FailedRequest => ({ id: 'r', method: 'PATCH', url, ...extra });
const principal = (tenantId: string): Principal => ({ tenantId, actorId: 'tok', actorName: 'n', actorType: 'token', scopes: new Set() });

describe('failureTargetOf', () => {
  it('reads tenant, type and id from a matched route', () => {
    const r = req(`/scim/v2/${T}/Users/abc?x=1`, { routeOptions: { url: '/scim/v2/:tenantId/Users/:id' }, params: { tenantId: T, id: 'abc' } });
    expect(failureTargetOf(r)).toEqual({ pathTenantId: T, resourceType: 'User', resourceId: 'abc', route: '/scim/v2/:tenantId/Users/:id' });
  });

  it('parses an unrouted URL by hand, without the query string', () => {
    expect(failureTargetOf(req(`/scim/v2/${T}/groups/g%201?token=x`))).toEqual({ pathTenantId: T, resourceType: 'Group', resourceId: 'g 1', route: `/scim/v2/${T}/groups/g%201` });
    expect(failureTargetOf(req('/scim/v2/Users'))).toEqual({ pathTenantId: undefined, resourceType: 'User', resourceId: undefined, route: '/scim/v2/Users' });
    expect(failureTargetOf(req('/scim/v2/Bulk'))).toMatchObject({ pathTenantId: 'Bulk', resourceType: undefined });
    expect(failureTargetOf(req('/scim/v2/constructor/Users'))).toMatchObject({ pathTenantId: 'constructor', resourceType: 'User' });
  });
});

describe('attributedPrincipal', () => {
  const target = { pathTenantId: T, route: '/' };
  it('is the authenticated principal of its own tenant', () => {
    expect(attributedPrincipal(req('/', { user: principal(T) }), 409, target)?.tenantId).toBe(T);
    expect(attributedPrincipal(req('/', { user: principal('other') }), 403, { route: '/' })?.tenantId).toBe('other');
  });

  it('is nobody for a 401, for no principal, or for another tenant\'s URL', () => {
    expect(attributedPrincipal(req('/', { user: principal(T) }), 401, target)).toBeUndefined();
    expect(attributedPrincipal(req('/'), 400, target)).toBeUndefined();
    expect(attributedPrincipal(req('/', { user: principal('other') }), 403, target)).toBeUndefined();
  });
});
