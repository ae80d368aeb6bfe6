import { outcomeOf, scimOperationOf } from './scim-route-labels';

describe('scimOperationOf', () => {
  it.each([
    ['POST', '/scim/v2/:tenantId/Users', 'User', 'create'],
    ['GET', '/scim/v2/Users', 'User', 'list'],
    ['POST', '/scim/v2/:tenantId/Users/.search', 'User', 'search'],
    ['GET', '/scim/v2/:tenantId/Groups/:id', 'Group', 'get'],
    ['PUT', '/scim/v2/Groups/:id', 'Group', 'replace'],
    ['PATCH', '/scim/v2/:tenantId/Users/:id', 'User', 'patch'],
    ['DELETE', '/scim/v2/:tenantId/Groups/:id', 'Group', 'delete'],
    ['GET', '/scim/v2/:tenantId/Schemas/:id', 'Schema', 'get'],
    ['GET', '/scim/v2/ServiceProviderConfig', 'ServiceProviderConfig', 'get'],
    ['GET', '/scim/v2/ResourceTypes', 'ResourceType', 'list'],
    ['DELETE', '/scim/v2/Users', 'User', 'delete'],
  ])('%s %s → %s %s', (method, route, resource_type, operation) => {
    expect(scimOperationOf(method, route)).toEqual({ resource_type, operation });
  });

  it.each([undefined, '/health/ready', '/metrics', '/api/v1/tenants/:id', '/scim/v2/:tenantId/Bulk', '/scim/v2/Users/:id/extra'])('%s is not a SCIM operation', (route) => {
    expect(scimOperationOf('GET', route)).toBeUndefined();
  });

  it('groups statuses into outcomes an alert can use', () => {
    expect([200, 201, 204, 304, 400, 404, 409, 429, 500, 503].map(outcomeOf)).toEqual([
      'success', 'success', 'success', 'success', 'client_error', 'client_error', 'client_error', 'throttled', 'server_error', 'unavailable']);
  });
});
