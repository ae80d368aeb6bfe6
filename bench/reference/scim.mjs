// The SCIM semantics of the bare reference server: just enough of RFC 7643/7644 and of Entra's
// request shapes (entra-scim.md §2, Q1–Q8) to answer the benchmark phases correctly. Not a
// product: no schema engine, no attribute index, no audit. It is the ceiling the service is
// measured against.
import { randomUUID } from 'node:crypto';

export const URN = {
  USER: 'urn:ietf:params:scim:schemas:core:2.0:User',
  GROUP: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  ENTERPRISE: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  LIST: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  ERROR: 'urn:ietf:params:scim:api:messages:2.0:Error',
};

export class ScimError extends Error {
  constructor(status, detail, scimType) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
  }
}

/** Canonical casing of the attribute names the phases use (names are case-insensitive, RFC 7643 §2.1). */
const CANON = new Map(['userName', 'displayName', 'externalId', 'active', 'name', 'givenName', 'familyName', 'formatted',
  'emails', 'value', 'type', 'primary', 'title', 'nickName', 'preferredLanguage', 'locale', 'phoneNumbers', 'addresses',
  'roles', 'employeeNumber', 'department', 'costCenter', 'organization', 'division', 'manager', 'members'].map((n) => [n.toLowerCase(), n]));
const canon = (name) => CANON.get(name.toLowerCase()) ?? name;
const SERVER_KEYS = new Set(['id', 'meta', 'schemas', 'groups', 'members']);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function boolOf(v) {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'; // Entra Q2
  throw new ScimError(400, `active must be a boolean, got ${JSON.stringify(v)}`, 'invalidValue');
}

/** The stored document of a User body: client attributes, canonical names, nulls dropped. */
function userDoc(body) {
  if (!isObject(body)) throw new ScimError(400, 'The body must be a JSON object', 'invalidSyntax');
  const doc = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === null || SERVER_KEYS.has(k) || k.startsWith('urn:ietf:params:scim:schemas:core')) continue;
    if (k.toLowerCase() === URN.ENTERPRISE.toLowerCase()) {
      if (isObject(v)) doc[URN.ENTERPRISE] = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([a, x]) => [canon(a), x]));
      continue;
    }
    if (k.startsWith('urn:')) continue;
    doc[canon(k)] = v;
  }
  if (Array.isArray(doc.roles) && doc.roles.length === 0) delete doc.roles;
  if (typeof doc.userName !== 'string' || doc.userName.trim() === '') throw new ScimError(400, 'userName is required', 'invalidValue');
  if (doc.externalId !== undefined && typeof doc.externalId !== 'string') throw new ScimError(400, 'externalId must be a string', 'invalidValue');
  doc.active = doc.active === undefined ? true : boolOf(doc.active);
  return doc;
}

const ci = (s) => s.normalize('NFC').toLowerCase();

export function userRow(tenantId, doc, prev, now) {
  return {
    id: prev?.id ?? randomUUID(), tenant_id: tenantId, user_name: doc.userName, user_name_ci: ci(doc.userName),
    external_id: typeof doc.externalId === 'string' ? doc.externalId : null, active: doc.active === false ? 0 : 1,
    version: prev ? prev.version + 1 : 1, created_at: prev?.created_at ?? now, updated_at: now, doc: JSON.stringify(doc),
  };
}

export const newUserRow = (tenantId, body, now) => userRow(tenantId, userDoc(body), undefined, now);

export function groupRow(tenantId, body, now) {
  if (!isObject(body)) throw new ScimError(400, 'The body must be a JSON object', 'invalidSyntax');
  const doc = {};
  for (const [k, v] of Object.entries(body)) if (v !== null && !SERVER_KEYS.has(k) && !k.startsWith('urn:') && !k.startsWith('http')) doc[canon(k)] = v;
  if (typeof doc.displayName !== 'string' || doc.displayName.trim() === '') throw new ScimError(400, 'displayName is required', 'invalidValue');
  return {
    id: randomUUID(), tenant_id: tenantId, display_name: doc.displayName, display_name_ci: ci(doc.displayName),
    external_id: typeof doc.externalId === 'string' ? doc.externalId : null, version: 1, created_at: now, updated_at: now, doc: JSON.stringify(doc),
  };
}

const meta = (type, row, location) => ({ resourceType: type, created: row.created_at, lastModified: row.updated_at, location, version: `W/"${row.version}"` });

export function renderUser(row, base, groups) {
  const doc = JSON.parse(row.doc);
  const r = { schemas: doc[URN.ENTERPRISE] ? [URN.USER, URN.ENTERPRISE] : [URN.USER], id: row.id, ...doc };
  if (groups?.length) r.groups = groups.map((g) => ({ value: g.group_id, $ref: `${base}/Groups/${g.group_id}`, display: g.display_name, type: 'direct' }));
  r.meta = meta('User', row, `${base}/Users/${row.id}`);
  return r;
}

export function renderGroup(row, base, members) {
  const r = { schemas: [URN.GROUP], id: row.id, ...JSON.parse(row.doc) };
  if (members) r.members = members.map((m) => ({ value: m.member_id, $ref: `${base}/${m.member_type === 'Group' ? 'Groups' : 'Users'}/${m.member_id}`, type: m.member_type }));
  r.meta = meta('Group', row, `${base}/Groups/${row.id}`);
  return r;
}

export function listResponse(resources, totalResults, startIndex, nextCursor) {
  const body = { schemas: [URN.LIST], totalResults, Resources: resources, itemsPerPage: resources.length };
  if (startIndex !== undefined) body.startIndex = startIndex;
  if (nextCursor !== undefined) body.nextCursor = nextCursor;
  return body;
}

/** `attr eq "value"` (the only filter Entra sends for matching, Q14), attribute name case-insensitive. */
export function parseEqFilter(filter, allowed) {
  const m = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attr = m && allowed.find((a) => a.toLowerCase() === m[1].toLowerCase());
  if (!attr) throw new ScimError(400, `Unsupported filter: ${filter}`, 'invalidFilter');
  return { attr, value: JSON.parse(`"${m[2]}"`) };
}

export const lowerKey = ci;

function splitPath(path) {
  const p = path.trim();
  const lower = p.toLowerCase();
  if (lower.startsWith(`${URN.ENTERPRISE.toLowerCase()}:`)) return { ext: URN.ENTERPRISE, rest: p.slice(URN.ENTERPRISE.length + 1) };
  return { ext: undefined, rest: p };
}

/** Sets (or with value undefined, removes) one attribute path of a user document. */
function setPath(doc, path, value, op) {
  const { ext, rest } = splitPath(path);
  let target = doc;
  if (ext) target = doc[URN.ENTERPRISE] ??= {};
  const filtered = /^(\w+)\[(\w+)\s+eq\s+"([^"]*)"\](?:\.(\w+))?$/i.exec(rest);
  if (filtered) {
    const [, attr, key, want, sub] = filtered;
    const list = (target[canon(attr)] ??= []);
    let el = list.find((e) => isObject(e) && String(e[canon(key)]).toLowerCase() === want.toLowerCase());
    if (op === 'remove') {
      target[canon(attr)] = list.filter((e) => e !== el);
      return;
    }
    if (!el) list.push((el = { [canon(key)]: canon(key) === 'primary' ? want.toLowerCase() === 'true' : want })); // Entra upsert (Q5)
    if (sub) el[canon(sub)] = value;
    else Object.assign(el, value);
    return;
  }
  const parts = rest.split('.').map(canon);
  if (parts.length === 1 && isObject(value) && isObject(target[parts[0]]) && op !== 'remove') {
    Object.assign(target[parts[0]], value); // RFC form: "name": {"givenName": …}
    return;
  }
  for (let i = 0; i < parts.length - 1; i++) target = isObject(target[parts[i]]) ? target[parts[i]] : (target[parts[i]] = {});
  const leaf = parts[parts.length - 1];
  if (op === 'remove' || value === null || value === '') delete target[leaf];
  else target[leaf] = leaf === 'active' ? boolOf(value) : value;
}

/** applies a PatchOp to a user document (Entra's flagged and unflagged shapes, Q1–Q6). */
export function patchUserDoc(doc, body) {
  const ops = isObject(body) ? body.Operations : undefined;
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, 'Operations is required', 'invalidSyntax');
  for (const o of ops) {
    const op = String(o?.op ?? '').toLowerCase();
    if (!['add', 'replace', 'remove'].includes(op)) throw new ScimError(400, `Unknown op ${o?.op}`, 'invalidSyntax');
    if (o.path) setPath(doc, o.path, o.value, op);
    else if (isObject(o.value)) for (const [k, v] of Object.entries(o.value)) setPath(doc, k, v, op);
    else throw new ScimError(400, 'A path-less operation needs an object value', 'noTarget');
  }
  if (typeof doc.userName !== 'string' || doc.userName === '') throw new ScimError(400, 'userName is required', 'invalidValue');
  return doc;
}

const memberIds = (value) => (Array.isArray(value) ? value : [value]).filter(isObject).map((m) => String(m.value));

/** A group PatchOp as a membership plan (Q7, Q8) plus an optional rename. */
export function groupPatchPlan(body) {
  const ops = isObject(body) ? body.Operations : undefined;
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, 'Operations is required', 'invalidSyntax');
  const plan = { add: [], remove: [], removeAll: false, displayName: undefined };
  for (const o of ops) {
    const op = String(o?.op ?? '').toLowerCase();
    const path = typeof o.path === 'string' ? o.path.trim() : '';
    const byValue = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path);
    if (byValue && op === 'remove') plan.remove.push(byValue[1]);
    else if (path.toLowerCase() === 'members') {
      if (op === 'add') plan.add.push(...memberIds(o.value));
      else if (op === 'remove' && o.value !== undefined) plan.remove.push(...memberIds(o.value));
      else if (op === 'remove') plan.removeAll = true;
      else if (op === 'replace') Object.assign(plan, { removeAll: true, add: memberIds(o.value) });
      else throw new ScimError(400, `Unknown op ${o.op}`, 'invalidSyntax');
    } else if (path.toLowerCase() === 'displayname' && op !== 'remove') plan.displayName = String(o.value);
    else if (!path && isObject(o.value)) {
      for (const [k, v] of Object.entries(o.value)) {
        if (k.toLowerCase() === 'displayname') plan.displayName = String(v);
        else if (k.toLowerCase() === 'members') plan.add.push(...memberIds(v));
      }
    } else throw new ScimError(400, `Unsupported path ${path}`, 'invalidPath');
  }
  return plan;
}
