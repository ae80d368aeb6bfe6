import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listResponse, projectResource, SchemaRegistry, wantsAttribute } from '@app/scim-core';
import { toScimResource } from '../../src/common/resource-doc';
import { projectionOf } from '../../src/common/search-params';
import { TransactionRunner } from '../../src/database/transaction-runner';
import type { MemberRow } from '../../src/groups/group-members.repository';
import { GroupsRepository } from '../../src/groups/groups.repository';
import { SCHEMA_REGISTRY } from '../../src/schemas/schema-registry.provider';
import { storedEvents } from './audit-support';
import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const USERS = 2_500;

/** A display name for user i: none, empty, plain, or one JSON must escape (quotes, backslash, controls, U+2028, astral). */
function displayNameOf(i: number): string | undefined {
  if (i % 7 === 0) return undefined;
  if (i === 11) return '';
  if (i % 13 === 0) return `Ünïcødé "quoted" \\ back\\slash \t tab \u2028 sep 😀 ${i}`;
  return `Member ${i}`;
}

type Json = Record<string, unknown>;

/** The membership query as it was before the renderer (a correlated subquery per member for display). */
const objectRenderingMembersSql = (groups: number) => `SELECT m.group_id, m.member_id, m.member_type,
    CASE WHEN m.member_type = 'User'
      THEN (SELECT d.value_str FROM scim_attribute_value d WHERE d.resource_id = m.member_id AND d.path = 'displayname' AND d.elem = 0)
      ELSE (SELECT h.display_name FROM scim_group h WHERE h.id = m.member_id) END AS display
  FROM scim_group_member m WHERE m.tenant_id = ? AND m.group_id IN (${Array.from({ length: groups }, () => '?').join(', ')})
  ORDER BY m.group_id, m.created_at, m.member_id`;

/** Supertest keeps the body as the exact bytes received. */
const rawBody = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// A group of a few thousand members rendered from its rows as streamed JSON text (groups.service.ts,
// group-json.renderer.ts): the bytes must be exactly what the object rendering (toScimResource +
// projectResource + JSON.stringify, as groups.service did before) gives, with every projection.
describe(`large groups: members rendered as streamed JSON (${TEST_ENGINE})`, () => {
  let t: TestApp;
  const userIds: string[] = [];
  let bigId = '';
  let nestedId = '';
  let base = '';

  const send = (method: 'post' | 'put' | 'patch', path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.http[method](`${t.base}${path}`).set(t.auth).set(headers).set('Content-Type', SCIM_JSON).send(JSON.stringify(body));
  const getRaw = (path: string, headers: Record<string, string> = {}) =>
    t.http.get(`${t.base}${path}`).set(t.auth).set(headers).buffer(true).parse(rawBody);

  /** What groups.service rendered before the streaming renderer: its query, member objects, projection, JSON.stringify. */
  async function objectRendering(ids: string[], query: { attributes?: string; excludedAttributes?: string } = {}): Promise<Json[]> {
    const registry = t.app.get<SchemaRegistry>(SCHEMA_REGISTRY);
    const tx = t.app.get(TransactionRunner);
    const projection = projectionOf(query);
    const ctx = { registry, resourceType: 'Group' };
    const withMembers = wantsAttribute(projection, 'members', ctx);
    const { rows, members } = await tx.read(async (db) => ({
      rows: await Promise.all(ids.map((id) => t.app.get(GroupsRepository).findById(db, t.tenantId, id))),
      members: withMembers ? await db.query<MemberRow>(objectRenderingMembersSql(ids.length), [t.tenantId, ...ids]) : [],
    }));
    return rows.map((row) => {
      const own = members.filter((m) => m.group_id === row!.id).map((m) => ({
        value: m.member_id, $ref: `${base}/${m.member_type === 'Group' ? 'Groups' : 'Users'}/${m.member_id}`,
        ...(m.display === null || m.display === undefined ? {} : { display: m.display }), type: m.member_type,
      }));
      const resource = toScimResource(row!, 'Group', `${base}/Groups/${row!.id}`, registry, withMembers ? { members: own } : {});
      return projectResource(resource, projection, ctx);
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    base = `${t.config.publicBaseUrl}${t.base}`;
    for (let i = 0; i < USERS; i += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, USERS - i) }, (_, k) => {
        const displayName = displayNameOf(i + k);
        return send('post', '/Users', { schemas: [CORE_USER], userName: `member${i + k}@example.com`, ...(displayName === undefined ? {} : { displayName }) });
      }));
      for (const r of batch) {
        expect(r.status).toBe(201);
        userIds.push(r.body.id);
      }
    }
    nestedId = (await send('post', '/Groups', { schemas: [CORE_GROUP], displayName: 'Nested "team" \\ ü' })).body.id;
    bigId = (await send('post', '/Groups', { schemas: [CORE_GROUP], displayName: 'Everyone', externalId: 'everyone-ext' })).body.id;
    // Added in several requests and out of id order, so created_at and member_id orders differ.
    const order = [...userIds].reverse();
    for (let k = 0; k < order.length; k += 500) {
      const value = order.slice(k, k + 500).map((id) => ({ value: id }));
      if (k === 1000) value.push({ value: nestedId });
      expect((await send('patch', `/Groups/${bigId}`, { schemas: [PATCHOP], Operations: [{ op: 'add', path: 'members', value }] })).status).toBe(204);
    }
  });
  afterAll(() => t.close());

  it('GET /Groups/{id} with every member: the object rendering, byte for byte, streamed with Content-Length', async () => {
    const res = await getRaw(`/Groups/${bigId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(SCIM_JSON);
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeGreaterThan(256 * 1024); // several 64 KiB chunks: the stream path
    const [expected] = await objectRendering([bigId]);
    expect(res.body.toString('utf8')).toBe(JSON.stringify(expected));
    const members = (expected.members as Json[]);
    expect(members).toHaveLength(USERS + 1);
    // No display for users without a displayName, nor for the empty one (it has no attribute-index row).
    expect(members.filter((m) => !('display' in m))).toHaveLength(Math.ceil(USERS / 7) + 1);
    expect(members.find((m) => m.value === nestedId)).toEqual({ value: nestedId, $ref: `${base}/Groups/${nestedId}`, display: 'Nested "team" \\ ü', type: 'Group' });
    expect(res.headers.etag).toBe((expected.meta as Json).version);
  });

  it.each([
    [{ attributes: 'members.value' }],
    [{ attributes: 'MEMBERS.VALUE,members.Type' }],
    [{ attributes: 'members.display' }], // elements without a display are dropped
    [{ attributes: 'members.$ref,displayName' }],
    [{ attributes: 'members' }],
    [{ attributes: 'displayName' }],
    [{ attributes: 'members.nonexistent' }],
    [{ excludedAttributes: 'members' }],
    [{ excludedAttributes: 'members.display,members.$ref' }],
    [{ excludedAttributes: 'meta,externalId' }],
    [{ excludedAttributes: 'members.value,members.$ref,members.type' }],
    [{ attributes: 'members.value', excludedAttributes: 'members' }], // attributes wins
  ])('projection %j: the same bytes as the object rendering', async (query) => {
    const res = await getRaw(`/Groups/${bigId}?${new URLSearchParams(query as Record<string, string>)}`);
    expect(res.status).toBe(200);
    const [expected] = await objectRendering([bigId], query);
    expect(res.body.toString('utf8')).toBe(JSON.stringify(expected));
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  });

  it('a group without members, and members.display when no member has one: no members key', async () => {
    const empty = (await send('post', '/Groups', { schemas: [CORE_GROUP], displayName: 'Empty' })).body.id;
    const res = await getRaw(`/Groups/${empty}`);
    expect(res.body.toString('utf8')).toBe(JSON.stringify((await objectRendering([empty]))[0]));
    expect(JSON.parse(res.body.toString('utf8'))).not.toHaveProperty('members');
    const noDisplay = (await send('post', '/Groups', { schemas: [CORE_GROUP], displayName: 'No display', members: [{ value: userIds[0] }, { value: userIds[7] }] })).body.id;
    const projected = await getRaw(`/Groups/${noDisplay}?attributes=members.display`);
    expect(JSON.parse(projected.body.toString('utf8'))).not.toHaveProperty('members');
    expect(projected.body.toString('utf8')).toBe(JSON.stringify((await objectRendering([noDisplay], { attributes: 'members.display' }))[0]));
  });

  it('If-None-Match with the current ETag → 304 without a body; a stale one → 200', async () => {
    const etag = (await getRaw(`/Groups/${bigId}?attributes=id`)).headers.etag;
    const hit = await getRaw(`/Groups/${bigId}`, { 'If-None-Match': etag });
    expect(hit.status).toBe(304);
    expect(hit.body.length).toBe(0);
    expect(hit.headers.etag).toBe(etag);
    expect((await getRaw(`/Groups/${bigId}`, { 'If-None-Match': 'W/"0"' })).status).toBe(200);
  });

  it('errors before the body are ordinary SCIM errors (404)', async () => {
    const res = await t.http.get(`${t.base}/Groups/00000000-0000-4000-8000-000000000000`).set(t.auth);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe(SCIM_JSON);
    expect(res.body).toMatchObject({ status: '404', detail: 'Group not found' });
  });

  it('GET /Groups and POST /Groups/.search with members: the list rendering, byte for byte', async () => {
    const filter = 'displayName eq "Everyone" or displayName eq "Nested \\"team\\" \\\\ ü"';
    const queries: Array<Record<string, string>> = [{}, { attributes: 'members.value,displayName' }, { excludedAttributes: 'members' }];
    for (const query of queries) {
      const res = await getRaw(`/Groups?${new URLSearchParams({ filter, ...query })}`);
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body.toString('utf8'));
      expect(body.Resources.map((r: Json) => r.id).sort()).toEqual([bigId, nestedId].sort());
      const resources = await objectRendering(body.Resources.map((r: Json) => r.id), query);
      expect(res.body.toString('utf8')).toBe(JSON.stringify(listResponse(resources, { totalResults: 2, startIndex: 1, itemsPerPage: 2 })));
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
    }
    const search = await send('post', '/Groups/.search', { schemas: [SEARCH], filter, attributes: ['members.display'], startIndex: 1, count: 1 })
      .buffer(true).parse(rawBody);
    expect(search.status).toBe(200);
    const page = JSON.parse(search.body.toString('utf8'));
    const resources = await objectRendering(page.Resources.map((r: Json) => r.id), { attributes: 'members.display' });
    expect(search.body.toString('utf8')).toBe(JSON.stringify(listResponse(resources, { totalResults: 2, startIndex: 1, itemsPerPage: 1 })));
  });

  it('POST and PUT answer with the members as stored, rendered as GET renders them', async () => {
    const members = userIds.slice(0, 1200).map((value) => ({ value }));
    const created = await send('post', '/Groups', { schemas: [CORE_GROUP], displayName: 'Created big', members }).buffer(true).parse(rawBody);
    expect(created.status).toBe(201);
    const id = JSON.parse(created.body.toString('utf8')).id;
    expect(created.headers.location).toBe(`${base}/Groups/${id}`);
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.headers['content-type']).toBe(SCIM_JSON);
    expect(created.body.toString('utf8')).toBe(JSON.stringify((await objectRendering([id]))[0]));
    const replaced = await send('put', `/Groups/${id}`, { schemas: [CORE_GROUP], displayName: 'Replaced big', members: userIds.slice(600, 2400).map((value) => ({ value })) })
      .buffer(true).parse(rawBody);
    expect(replaced.status).toBe(200);
    expect(replaced.headers.etag).toBe('W/"2"');
    expect(replaced.body.toString('utf8')).toBe(JSON.stringify((await objectRendering([id]))[0]));
    expect(JSON.parse(replaced.body.toString('utf8')).members).toHaveLength(1800);
    expect((await getRaw(`/Groups/${id}`)).body).toEqual(replaced.body);
  });

  it('audit: a streamed PUT response leaves its success event; a refused PUT (onSend hook) its failure event', async () => {
    const body = { schemas: [CORE_GROUP], displayName: 'Everyone', externalId: 'everyone-ext', members: userIds.slice(0, 2000).map((value) => ({ value })) };
    const before = (await storedEvents(t)).length;
    const etag = (await getRaw(`/Groups/${bigId}?attributes=id`)).headers.etag;
    const ok = await send('put', `/Groups/${bigId}`, body, { 'If-Match': etag }).buffer(true).parse(rawBody);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-length']).toBe(String(ok.body.length));
    expect(JSON.parse(ok.body.toString('utf8')).members).toHaveLength(2000);
    const stale = await send('put', `/Groups/${bigId}`, body, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    const events = (await storedEvents(t)).slice(before).filter((e) => e.resource_id === bigId || e.status === 412);
    expect(events.map((e) => `${e.outcome}/${e.status}`)).toEqual(['success/200', 'failure/412']);
    // Back to every member for the tests below.
    await send('put', `/Groups/${bigId}`, { ...body, members: [...userIds].reverse().map((value) => ({ value })).concat([{ value: nestedId }]) });
  });

  it('bodies released after they are written: concurrent and repeated full GETs give the same bytes', async () => {
    // ChunkedJson.release() frees a body's Buffers on the response's 'finish'; a release too
    // early would show here as a short or zeroed body.
    const first = await getRaw(`/Groups/${bigId}`);
    const rounds = await Promise.all(Array.from({ length: 4 }, () => getRaw(`/Groups/${bigId}`)));
    for (const res of [...rounds, await getRaw(`/Groups/${bigId}`)]) {
      expect(res.status).toBe(200);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.equals(first.body)).toBe(true);
    }
  });

  it('HEAD answers the GET headers (same Content-Length) without a body', async () => {
    const get = await getRaw(`/Groups/${bigId}`);
    const head = await t.http.head(`${t.base}/Groups/${bigId}`).set(t.auth).buffer(true).parse(rawBody);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.body?.length ?? 0).toBe(0);
  });

  it('a client that goes away mid-body does not disturb the service', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const firstBytes = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ port, host: '127.0.0.1', path: `${t.base}/Groups/${bigId}`, headers: t.auth }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.length);
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(firstBytes).toBeGreaterThan(0);
    const again = await getRaw(`/Groups/${bigId}?attributes=members.value`);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body.toString('utf8')).members).toHaveLength(USERS + 1);
  });
});
