import { URN, type AttrPath, type FilterLiteral, type SchemaRegistry } from '@app/scim-core';
import { TEST_EXTENSION_URN } from './test-extension.schema';

type Doc = Record<string, unknown>;
export type LiteralKind = 'string' | 'boolean' | 'number' | 'dateTime' | 'complex';

/** One attribute path a generated filter can use, with the literals the seed data holds for it. */
export interface PathChoice {
  path: AttrPath;
  kind: LiteralKind;
  pool: FilterLiteral[];
}

export interface FilterGenSpec {
  leaves: PathChoice[];
  valuePaths: { path: AttrPath; subs: PathChoice[] }[];
}

const E = URN.ENTERPRISE_USER;
const X = TEST_EXTENSION_URN;

/** User paths: core, sub-attributes, multi-valued, dedicated columns, enterprise and custom extension. */
export const USER_PATHS: string[] = [
  'id', 'externalId', 'userName', 'active', 'displayName', 'nickName', 'title', 'userType', 'preferredLanguage', 'timezone', 'profileUrl',
  'name', 'name.givenName', 'name.familyName', 'name.formatted', 'name.middleName', 'name.honorificPrefix',
  'emails', 'emails.value', 'emails.type', 'emails.primary', 'emails.display', 'phoneNumbers', 'phoneNumbers.type',
  'addresses.locality', 'addresses.postalCode', 'addresses.country', 'addresses.type', 'addresses.primary', 'addresses',
  'ims', 'ims.type', 'roles', 'roles.display', 'roles.primary', 'entitlements', 'x509Certificates',
  'groups', 'groups.value', 'groups.display', 'groups.type', 'schemas',
  'meta', 'meta.created', 'meta.lastModified', 'meta.resourceType', 'meta.version',
  `${E}:department`, `${E}:employeeNumber`, `${E}:costCenter`, `${E}:organization`, `${E}:division`,
  `${E}:manager`, `${E}:manager.value`, `${E}:manager.displayName`,
  `${X}:level`, `${X}:score`, `${X}:hiredAt`, `${X}:remote`, `${X}:badge`, `${X}:tags`,
];
export const USER_VALUE_PATHS = ['emails', 'phoneNumbers', 'addresses', 'ims', 'roles', 'entitlements', 'groups', 'name', `${E}:manager`, 'meta'];

export const GROUP_PATHS = ['id', 'externalId', 'displayName', 'members', 'members.value', 'members.type', 'members.display',
  'meta.created', 'meta.lastModified', 'meta.resourceType', 'meta.version', 'schemas', 'meta'];
export const GROUP_VALUE_PATHS = ['members', 'meta'];

/** "urn:…:User:manager.value" → { uri, attr, sub }; plain "name.givenName" → { attr, sub }. */
export function toAttrPath(text: string): AttrPath {
  const colon = text.lastIndexOf(':');
  const [attr, sub] = text.slice(colon + 1).split('.');
  const path: AttrPath = { attr };
  if (colon >= 0) path.uri = text.slice(0, colon);
  if (sub !== undefined) path.sub = sub;
  return path;
}

/** The values a filter on `path` would look at, read like the evaluator reads them. */
function valuesOf(resource: Doc, path: AttrPath, complex: boolean): unknown[] {
  const container = path.uri && path.uri.toLowerCase() !== URN.USER.toLowerCase() && path.uri.toLowerCase() !== URN.GROUP.toLowerCase()
    ? resource[path.uri] : resource;
  const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
  const top = list(typeof container === 'object' && container ? (container as Doc)[path.attr] : undefined);
  const sub = path.sub ?? (complex ? 'value' : undefined);
  return sub ? top.flatMap((e) => list(typeof e === 'object' && e ? (e as Doc)[sub] : undefined)) : top;
}

function kindOf(registry: SchemaRegistry, resourceType: string, path: AttrPath): LiteralKind {
  const resolved = registry.resolve(resourceType, path);
  const leaf = resolved?.subAttribute ?? resolved?.attribute;
  if (!leaf) return 'string';
  if (leaf.type === 'complex') return resolved?.attribute.subAttributes?.some((s) => s.name === 'value') ? 'string' : 'complex';
  if (leaf.type === 'integer' || leaf.type === 'decimal') return 'number';
  if (leaf.type === 'boolean' || leaf.type === 'dateTime') return leaf.type;
  return 'string';
}

function choice(registry: SchemaRegistry, resourceType: string, resources: Doc[], text: string, relativeTo?: AttrPath): PathChoice {
  const path = toAttrPath(text);
  const lookup = relativeTo ? { ...relativeTo, sub: path.attr } : path;
  const kind = kindOf(registry, resourceType, lookup);
  const implicitValue = !lookup.sub && registry.resolve(resourceType, lookup)?.attribute.type === 'complex';
  const seen = new Set<FilterLiteral>();
  for (const r of resources) {
    for (const v of valuesOf(r, lookup, implicitValue)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') seen.add(v);
    }
  }
  return { path, kind, pool: [...seen] };
}

/** Paths, sub-attribute paths of value filters and the literal pools, from the rendered seed. */
export function buildGenSpec(registry: SchemaRegistry, resourceType: 'User' | 'Group', resources: Doc[]): FilterGenSpec {
  const [paths, valuePaths] = resourceType === 'User' ? [USER_PATHS, USER_VALUE_PATHS] : [GROUP_PATHS, GROUP_VALUE_PATHS];
  return {
    leaves: paths.map((p) => choice(registry, resourceType, resources, p)),
    valuePaths: valuePaths.map((text) => {
      const path = toAttrPath(text);
      const attribute = registry.resolve(resourceType, path)?.attribute;
      // $ref and meta.location are URLs computed when rendering: the SQL compiler rejects them.
      const subs = (attribute?.subAttributes ?? []).filter((s) => s.name !== '$ref' && s.name !== 'location').map((s) => choice(registry, resourceType, resources, s.name, path));
      return { path, subs };
    }),
  };
}
