#!/usr/bin/env node
// The bare reference SCIM server of the benchmark (issue 7): node:http + better-sqlite3 (or pg
// with REF_DATABASE_URL), no framework, no ORM, no audit, no attribute index. It answers the
// benchmark's phases correctly and is the ceiling every figure of the service is a ratio to.
//
//   REF_PORT=3101 REF_DB=/tmp/ref.sqlite REF_TOKEN=<secret, ≥ 32 chars> node bench/reference-server.mjs
//   REF_DATABASE_URL=postgres://… selects PostgreSQL. Prints `Tenant URL: …` when listening.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { ConflictError, openStore } from './reference/store.mjs';
import {
  groupPatchPlan, groupRow, listResponse, lowerKey, newUserRow, parseEqFilter, patchUserDoc, renderGroup, renderUser, ScimError, URN, userRow,
} from './reference/scim.mjs';

const PORT = Number(process.env.REF_PORT ?? 3101);
const HOST = process.env.REF_HOST ?? '127.0.0.1';
const TOKEN = process.env.REF_TOKEN;
const MAX_COUNT = 100;
const BODY_LIMIT = 1024 * 1024;
const CT = 'application/scim+json';

if (!TOKEN || TOKEN.length < 32) {
  process.stderr.write('REF_TOKEN (at least 32 characters) is required\n');
  process.exit(1);
}
const store = await openStore(process.env.REF_DATABASE_URL || process.env.REF_DB || 'reference.sqlite');
const tenantId = process.env.REF_TENANT ?? randomUUID();
const digest = (t) => createHash('sha256').update(t, 'utf8').digest('hex');
await store.init(tenantId, digest(TOKEN));
const base = (tid) => `http://${HOST}:${PORT}/scim/v2/${tid}`;

function send(res, status, body, headers = {}) {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': CT, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res, e) {
  const status = e instanceof ScimError ? e.status : e instanceof ConflictError ? 409 : 500;
  const scimType = e instanceof ConflictError ? 'uniqueness' : e?.scimType;
  if (status === 500) process.stderr.write(`${e?.stack ?? e}\n`);
  send(res, status, { schemas: [URN.ERROR], status: String(status), detail: e?.message ?? 'error', ...(scimType ? { scimType } : {}) },
    status === 401 ? { 'www-authenticate': 'Bearer realm="scim"' } : {});
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/(scim\+)?json\b/i.test(type)) return reject(new ScimError(415, 'Use application/scim+json or application/json'));
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > BODY_LIMIT) reject(new ScimError(413, 'Body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new ScimError(400, 'Invalid JSON', 'invalidSyntax'));
      }
    });
    req.on('error', reject);
  });
}

const encodeCursor = (row) => Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
function decodeCursor(c) {
  if (c === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2) return v;
  } catch {
    // fall through
  }
  throw new ScimError(400, 'Invalid cursor', 'invalidCursor');
}

function pageParams(q) {
  const count = q.has('count') ? Math.max(0, Math.min(Number(q.get('count')) || 0, MAX_COUNT)) : MAX_COUNT;
  const startIndex = Math.max(1, Number(q.get('startIndex')) || 1);
  return { count, startIndex, cursor: q.has('cursor') ? q.get('cursor') : undefined };
}

const excludesMembers = (q) => (q.get('excludedAttributes') ?? '').split(',').some((a) => a.trim().toLowerCase() === 'members');

async function presentUser(t, row) {
  return renderUser(row, base(t), await store.groupsOfUsers(t, [row.id]));
}

/** A page of users with their groups: one query for the page's memberships, not one per user. */
async function presentUsers(t, rows) {
  const groups = await store.groupsOfUsers(t, rows.map((r) => r.id));
  return rows.map((r) => renderUser(r, base(t), groups.filter((g) => g.member_id === r.id)));
}

async function listUsers(t, q) {
  const { count, startIndex, cursor } = pageParams(q);
  const filter = q.get('filter');
  if (filter) {
    const { attr, value } = parseEqFilter(filter, ['userName', 'externalId', 'id']);
    let rows;
    if (attr === 'userName') rows = [await store.userByNameCi(t, lowerKey(value))].filter(Boolean);
    else if (attr === 'id') rows = [await store.userById(t, value)].filter(Boolean);
    else rows = await store.usersByExternalId(t, value);
    const page = rows.slice(startIndex - 1, startIndex - 1 + count);
    return listResponse(await presentUsers(t, page), rows.length, startIndex);
  }
  const total = await store.countUsers(t);
  if (cursor !== undefined) {
    const rows = await store.cursorUsers(t, decodeCursor(cursor), count + 1);
    const more = rows.length > count;
    const page = more ? rows.slice(0, count) : rows;
    return listResponse(await presentUsers(t, page), total, undefined, more ? encodeCursor(page[page.length - 1]) : undefined);
  }
  const rows = count === 0 ? [] : await store.pageUsers(t, count, startIndex - 1);
  return listResponse(await presentUsers(t, rows), total, startIndex);
}

async function listGroups(t, q) {
  const filter = q.get('filter');
  if (!filter) throw new ScimError(400, 'The reference server lists groups by filter only', 'invalidFilter');
  const { attr, value } = parseEqFilter(filter, ['displayName', 'id']);
  const row = attr === 'id' ? await store.groupById(t, value) : await store.groupByNameCi(t, lowerKey(value));
  const rows = row ? [row] : [];
  const withMembers = !excludesMembers(q);
  const resources = await Promise.all(rows.map(async (r) => renderGroup(r, base(t), withMembers ? await store.membersOf(t, r.id) : undefined)));
  return listResponse(resources, rows.length, 1);
}

const now = () => new Date().toISOString();

async function users(req, res, t, id, q) {
  if (!id && req.method === 'GET') return send(res, 200, await listUsers(t, q));
  if (!id && req.method === 'POST') {
    const row = newUserRow(t, await readBody(req), now());
    await store.insertUser(row);
    const r = renderUser(row, base(t));
    return send(res, 201, r, { location: r.meta.location, etag: r.meta.version });
  }
  if (id && req.method === 'GET') {
    const row = await store.userById(t, id);
    if (!row) throw new ScimError(404, `User ${id} not found`);
    return send(res, 200, await presentUser(t, row), { etag: `W/"${row.version}"` });
  }
  if (id && req.method === 'PATCH') {
    const body = await readBody(req);
    const at = now();
    const row = await store.updateUser(t, id, (cur) => userRow(t, patchUserDoc(JSON.parse(cur.doc), body), cur, at));
    if (!row) throw new ScimError(404, `User ${id} not found`);
    return send(res, 200, await presentUser(t, row), { etag: `W/"${row.version}"` });
  }
  throw new ScimError(405, 'Method not allowed');
}

async function groups(req, res, t, id, q) {
  if (!id && req.method === 'GET') return send(res, 200, await listGroups(t, q));
  if (!id && req.method === 'POST') {
    const row = groupRow(t, await readBody(req), now());
    await store.insertGroup(row);
    const r = renderGroup(row, base(t), []);
    return send(res, 201, r, { location: r.meta.location, etag: r.meta.version });
  }
  if (id && req.method === 'GET') {
    const row = await store.groupById(t, id);
    if (!row) throw new ScimError(404, `Group ${id} not found`);
    return send(res, 200, renderGroup(row, base(t), excludesMembers(q) ? undefined : await store.membersOf(t, id)), { etag: `W/"${row.version}"` });
  }
  if (id && req.method === 'PATCH') {
    const plan = groupPatchPlan(await readBody(req));
    const at = now();
    const rename = plan.displayName === undefined ? undefined : (g) => {
      const named = groupRow(t, { ...JSON.parse(g.doc), displayName: plan.displayName }, at);
      return { display_name: named.display_name, display_name_ci: named.display_name_ci, doc: named.doc };
    };
    const ok = await store.patchGroup(t, id, { ...plan, rename }, at);
    if (!ok) throw new ScimError(404, `Group ${id} not found`);
    return send(res, 204);
  }
  throw new ScimError(405, 'Method not allowed');
}

const ROUTE = /^\/scim\/v2(?:\/([0-9a-f-]{36}))?\/(Users|Groups)(?:\/([^/]+))?\/?$/i;

async function handle(req, res) {
  const [path, qs = ''] = req.url.split('?', 2);
  const m = ROUTE.exec(path);
  if (!m) throw new ScimError(404, 'Not found');
  const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const t = auth ? await store.auth(digest(auth[1])) : undefined;
  if (!t || (m[1] && m[1] !== t)) throw new ScimError(401, 'Unauthorized');
  const q = new URLSearchParams(qs);
  const id = m[3] ? decodeURIComponent(m[3]) : undefined;
  return m[2].toLowerCase() === 'users' ? users(req, res, t, id, q) : groups(req, res, t, id, q);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    if (!res.headersSent) sendError(res, e);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(PORT, HOST, () => process.stdout.write(`Tenant URL: ${base(tenantId)}\nReference listening on ${HOST}:${PORT} (${store.engine})\n`));
const stop = () => server.close(() => Promise.resolve(store.close()).finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
