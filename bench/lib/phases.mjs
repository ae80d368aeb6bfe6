// The benchmark phases (issue 7 (a)–(f)), each in Entra's request shapes and each response
// checked: status codes, and the fields that prove the server did the work (a fast but wrong
// server cannot score). `t` is one target: { client, ids, groups, measure(name, fn) }.
import { call, entraQuery, runWorkers } from './http.mjs';
import {
  addMembersBody, caseVariant, disableBody, externalId, groupBody, groupName, patchedFields, patchFlagged, patchUnflagged, probeName,
  removeMemberBody, URN, userBody, userName, workEmail,
} from './entra.mjs';
import { medianOf } from './stats.mjs';

const range = (from, to) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
const isList = (j) => Array.isArray(j?.schemas) && j.schemas.includes(URN.LIST) && Array.isArray(j.Resources);

/** A deterministic PRNG (mulberry32), so both targets get the same lookups. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Entra's Test Connection probes (entra-scim.md §3): warms both servers up; recorded, not scored. */
export async function testConnection(t, n, concurrency) {
  await t.measure('warmup.test-connection', async (rec) => {
    await runWorkers(range(0, n), concurrency, async (i) => {
      const path = i % 2 === 0 ? `/Users?${entraQuery({ filter: `userName eq "${probeName(i)}"` })}`
        : `/Groups?${entraQuery({ excludedAttributes: 'members', filter: `displayName eq "${probeName(i)}"` })}`;
      const r = await call(t.client, rec, 'GET', path, undefined, 200);
      if (r) rec.check(isList(r.json) && r.json.totalResults === 0 && r.json.Resources.length === 0, `probe ${i}: not an empty ListResponse`);
    });
  });
}

function checkCreatedUser(rec, i, r) {
  const u = r.json;
  const ok = typeof u?.id === 'string' && u.userName === userName(i) && u.externalId === externalId(i) && u.active === true
    && workEmail(u) === userBody(i).emails[0].value && u[URN.ENTERPRISE]?.employeeNumber === String(100000 + i)
    && typeof u.meta?.location === 'string' && u.meta.location.endsWith(`/Users/${u.id}`) && String(r.headers.location ?? '').endsWith(u.id);
  return rec.check(ok, () => `POST user ${i}: unexpected body ${r.text.slice(0, 200)}`);
}

/** (a) Initial sync: per user `GET /Users?filter=userName eq "…"` (0 results) then `POST /Users` (201). */
export async function initialSync(t, from, to, concurrency) {
  await t.measure('a.initial-sync', async (rec) => {
    await runWorkers(range(from, to), concurrency, async (i) => {
      const q = await call(t.client, rec, 'GET', `/Users?${entraQuery({ filter: `userName eq "${userName(i)}"` })}`, undefined, 200, 'GET filter');
      if (!q || !rec.check(isList(q.json) && q.json.totalResults === 0 && q.json.Resources.length === 0, `user ${i} exists before its POST`)) return;
      const r = await call(t.client, rec, 'POST', '/Users', userBody(i), 201, 'POST');
      if (r && checkCreatedUser(rec, i, r)) t.ids[i] = r.json.id;
    });
  });
}

/** (f) `userName eq` / `externalId eq` lookups of existing users, concurrent or serial. */
export async function lookups(t, { size, attr, n, concurrency, label }) {
  const rnd = prng(size * 31 + (attr === 'userName' ? 1 : 2) + concurrency);
  const picks = range(0, n).map(() => Math.floor(rnd() * size));
  await t.measure(label, async (rec) => {
    await runWorkers(picks, concurrency, async (i, k) => {
      const value = attr === 'userName' ? caseVariant(userName(i), k) : externalId(i);
      const r = await call(t.client, rec, 'GET', `/Users?${entraQuery({ filter: `${attr} eq "${value}"` })}`, undefined, 200);
      if (!r) return;
      const u = r.json?.Resources?.[0];
      rec.check(isList(r.json) && r.json.totalResults === 1 && r.json.Resources.length === 1 && u.userName === userName(i)
        && u.externalId === externalId(i) && (t.ids[i] === undefined || u.id === t.ids[i]), () => `${attr} eq user ${i}: ${r.text.slice(0, 160)}`);
    });
  });
}

/** (b) Groups: filter by displayName (excludedAttributes=members) → POST → member adds in batches of 50. */
export async function groupsPhase(t, { groups, membersPerGroup, users, concurrency }) {
  const batches = (g) => {
    const ids = range(0, membersPerGroup).map((j) => t.ids[(g * membersPerGroup + j * 7) % users]);
    const out = [];
    for (let k = 0; k < ids.length; k += 50) out.push(ids.slice(k, k + 50));
    return out;
  };
  const rec = await t.measure('b.groups', async (r0) => {
    await runWorkers(range(0, groups), concurrency, async (g) => {
      const name = groupName(g);
      const q = await call(t.client, r0, 'GET', `/Groups?${entraQuery({ excludedAttributes: 'members', filter: `displayName eq "${name}"` })}`, undefined, 200, 'GET filter');
      if (!q || !r0.check(isList(q.json) && q.json.totalResults === 0, `group ${g} exists before its POST`)) return;
      const c = await call(t.client, r0, 'POST', '/Groups', groupBody(name, g), 201, 'POST');
      if (!c || !r0.check(typeof c.json?.id === 'string' && c.json.displayName === name && !(c.json.members?.length > 0), `POST group ${g}: ${c.text.slice(0, 160)}`)) return;
      t.groups[g] = { id: c.json.id, members: [] };
      for (const batch of batches(g)) {
        if (await call(t.client, r0, 'PATCH', `/Groups/${c.json.id}`, addMembersBody(batch), 204, 'PATCH add 50')) t.groups[g].members.push(...batch);
      }
    });
  });
  // Untimed check of a sample: the members are stored, and excludedAttributes=members omits them.
  for (const g of range(0, Math.min(groups, 10))) {
    const grp = t.groups[g];
    if (!grp) continue;
    const full = await t.client.send('GET', `/Groups/${grp.id}`);
    const got = new Set((full.json?.members ?? []).map((m) => m.value));
    rec.check(full.status === 200 && got.size === membersPerGroup && grp.members.every((id) => got.has(id)), `group ${g}: ${got.size} members stored, ${membersPerGroup} added`);
    const q = await t.client.send('GET', `/Groups?${entraQuery({ excludedAttributes: 'members', filter: `displayName eq "${groupName(g).toUpperCase()}"` })}`);
    rec.check(q.status === 200 && q.json?.totalResults === 1 && q.json.Resources[0].id === grp.id && !('members' in q.json.Resources[0]), `group ${g}: filter with excludedAttributes=members`);
  }
}

function checkPatched(rec, i, round, u, what) {
  const f = patchedFields(i, round);
  return rec.check(u?.id !== undefined && u.userName === userName(i) && u.displayName === f.displayName && workEmail(u) === f.email
    && u.name?.familyName === f.familyName && u[URN.ENTERPRISE]?.employeeNumber === f.employeeNumber && u.active === true,
  () => `${what} user ${i}: ${JSON.stringify(u).slice(0, 200)}`);
}

/** (c) Incremental cycle: PATCH replace on 10% of users (U5/Q4, both shapes), `active` "False" on 2%, GET by id. */
export async function incremental(t, { users, concurrency, round = 1 }) {
  const jobs = range(0, users).filter((i) => i % 10 === 0 || i % 50 === 1);
  await t.measure('c.incremental', async (rec) => {
    await runWorkers(jobs, concurrency, async (i) => {
      const id = t.ids[i];
      if (i % 10 === 0) {
        const body = (i / 10) % 2 === 0 ? patchUnflagged(i, round) : patchFlagged(i, round);
        const p = await call(t.client, rec, 'PATCH', `/Users/${id}`, body, 200, 'PATCH replace');
        if (!p || !checkPatched(rec, i, round, p.json, 'PATCH')) return;
        const g = await call(t.client, rec, 'GET', `/Users/${id}`, undefined, 200, 'GET by id');
        if (g) checkPatched(rec, i, round, g.json, 'GET');
      } else {
        const p = await call(t.client, rec, 'PATCH', `/Users/${id}`, disableBody(), 200, 'PATCH active False');
        if (!p || !rec.check(p.json?.active === false && p.json.id === id, `disable user ${i}: ${p.text.slice(0, 160)}`)) return;
        const g = await call(t.client, rec, 'GET', `/Users/${id}`, undefined, 200, 'GET by id');
        if (g) rec.check(g.json?.active === false && g.json.userName === userName(i), `GET disabled user ${i}`);
      }
    });
  });
}

/**
 * (d) One large group of M members: adds in batches of 50 (serial, latency per batch in order),
 * single removals by `members[value eq "…"]`, `GET ?excludedAttributes=members`, then the full group.
 */
export async function largeGroup(t, { members, removals, gets, fullGets, label }) {
  const name = `Bench Large Group ${members}`;
  const created = await t.client.send('POST', '/Groups', groupBody(name, 100000 + members));
  if (created.status !== 201) throw new Error(`${t.name}: could not create the large group: ${created.status} ${created.text.slice(0, 200)}`);
  const gid = created.json.id;
  const ids = range(0, members).map((i) => t.ids[i]);
  if (ids.some((id) => id === undefined)) throw new Error(`${t.name}: fewer than ${members} known user ids`);
  const adds = [];
  await t.measure(`d.${label}.add-50`, async (rec) => {
    for (let k = 0; k < ids.length; k += 50) {
      const r = await call(t.client, rec, 'PATCH', `/Groups/${gid}`, addMembersBody(ids.slice(k, k + 50)), 204);
      if (r) adds.push(r.ms);
    }
  });
  const tenth = Math.max(1, Math.floor(adds.length / 10));
  const flatness = medianOf(adds.slice(-tenth)) / medianOf(adds.slice(0, tenth));
  const step = Math.floor(members / removals);
  const removed = range(0, removals).map((k) => ids[k * step + 1]);
  await t.measure(`d.${label}.remove-1`, async (rec) => {
    for (const id of removed) await call(t.client, rec, 'PATCH', `/Groups/${gid}`, removeMemberBody(id), 204);
  });
  await t.measure(`d.${label}.get-excl-members`, async (rec) => {
    for (let k = 0; k < gets; k++) {
      const r = await call(t.client, rec, 'GET', `/Groups/${gid}?excludedAttributes=members`, undefined, 200);
      if (r) rec.check(r.json?.id === gid && r.json.displayName === name && !('members' in r.json), () => `GET excludedAttributes=members: ${r.text.slice(0, 160)}`);
    }
  });
  await t.measure(`d.${label}.get-full`, async (rec) => {
    const gone = new Set(removed);
    for (let k = 0; k < fullGets; k++) {
      const r = await call(t.client, rec, 'GET', `/Groups/${gid}`, undefined, 200);
      if (!r) continue;
      const got = (r.json?.members ?? []).map((m) => m.value);
      rec.check(got.length === members - removals && !got.some((v) => gone.has(v)) && new Set(got).size === got.length,
        `full group: ${got.length} members, expected ${members - removals} without the removed ones`);
    }
  });
  return { flatness, firstTenthP50: medianOf(adds.slice(0, tenth)), lastTenthP50: medianOf(adds.slice(-tenth)), batches: adds.length };
}

const indexOfUserName = (name) => {
  const m = /^u(\d{6})\.bench@/.exec(name ?? '');
  return m ? Number(m[1]) : undefined;
};

/** (e) Paging through every user: startIndex/count, then RFC 9865 cursors; learns every user's id. */
export async function paging(t, { total, pageSize = 100 }) {
  const seen = new Map();
  await t.measure('e.paging-index', async (rec) => {
    for (let start = 1; start <= total; start += pageSize) {
      const r = await call(t.client, rec, 'GET', `/Users?startIndex=${start}&count=${pageSize}`, undefined, 200);
      if (!r) continue;
      const j = r.json;
      const want = Math.min(pageSize, total - start + 1);
      if (!rec.check(isList(j) && j.totalResults === total && j.Resources.length === want && j.itemsPerPage === want && j.startIndex === start,
        () => `page at ${start}: totalResults ${j?.totalResults}, ${j?.Resources?.length} resources`)) continue;
      for (const u of j.Resources) seen.set(u.id, u.userName);
    }
    rec.check(seen.size === total, `index paging saw ${seen.size} distinct users of ${total}`);
  });
  for (const [id, name] of seen) {
    const i = indexOfUserName(name);
    if (i !== undefined) t.ids[i] = id;
  }
  const viaCursor = new Set();
  await t.measure('e.paging-cursor', async (rec) => {
    let cursor = '';
    for (let page = 0; page <= Math.ceil(total / pageSize) + 1; page++) {
      const r = await call(t.client, rec, 'GET', `/Users?${entraQuery({ count: pageSize, cursor })}`, undefined, 200);
      if (!r) break;
      const j = r.json;
      if (!rec.check(isList(j) && (j.totalResults === undefined || j.totalResults === total) && j.Resources.length <= pageSize, `cursor page ${page}`)) break;
      for (const u of j.Resources) viaCursor.add(u.id);
      if (!j.nextCursor) break;
      rec.check(j.Resources.length === pageSize, `cursor page ${page} is short but has a nextCursor`);
      cursor = j.nextCursor;
    }
    rec.check(viaCursor.size === total && [...viaCursor].every((id) => seen.has(id)), `cursor paging saw ${viaCursor.size} distinct users of ${total}`);
  });
}
