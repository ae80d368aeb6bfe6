/** Metric labels of a SCIM request, derived from the matched route pattern (never the raw URL). */
export interface ScimOperationLabels {
  resource_type: string;
  operation: string;
}

const RESOURCE_TYPES: Record<string, string> = {
  Users: 'User', Groups: 'Group', Schemas: 'Schema', ResourceTypes: 'ResourceType', ServiceProviderConfig: 'ServiceProviderConfig',
};

// `/scim/v2/Users`, `/scim/v2/:tenantId/Users/:id`, `/scim/v2/Groups/.search` …
const SCIM_ROUTE = /^\/scim\/v2(?:\/:tenantId)?\/(Users|Groups|Schemas|ResourceTypes|ServiceProviderConfig)(\/\.search|\/:\w+)?\/?$/;

const BY_ID: Record<string, string> = { GET: 'get', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' };
const COLLECTION: Record<string, string> = { GET: 'list', POST: 'create' };

/** `undefined` for routes that are not SCIM resource endpoints (health, metrics, admin API, 404s). */
export function scimOperationOf(method: string, routePattern: string | undefined): ScimOperationLabels | undefined {
  const m = routePattern ? SCIM_ROUTE.exec(routePattern) : null;
  if (!m) return undefined;
  const resource_type = RESOURCE_TYPES[m[1]];
  const verb = method.toUpperCase();
  let operation: string | undefined;
  if (m[2] === '/.search') operation = 'search';
  else if (m[2]) operation = BY_ID[verb];
  else operation = resource_type === 'ServiceProviderConfig' && verb === 'GET' ? 'get' : COLLECTION[verb];
  return { resource_type, operation: operation ?? verb.toLowerCase() };
}

/** Outcome label of scim_operations_total: what an operator alerts on differs per class. */
export function outcomeOf(status: number): string {
  if (status === 429) return 'throttled';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'success';
}
