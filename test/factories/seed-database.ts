import { recomputeSchemas, type SchemaRegistry } from '@app/scim-core';
import type { DataSource } from 'typeorm';
import { insertAttributeRowsSql } from '../../src/database/attribute-index/attribute-row';
import { flattenResource } from '../../src/database/attribute-index/flatten-resource';
import { dialectOf, toDialect } from '../../src/database/sql-dialect';
import type { SeedData, SeedGroup, SeedUser } from './scim-seed';

type Doc = Record<string, unknown>;
const BASE = 'https://scim.example.test/scim/v2';

/** NFC + lower-case, as the service computes user_name_ci / display_name_ci. */
export const normalizedKey = (s: string): string => s.normalize('NFC').toLowerCase();

const meta = (type: 'User' | 'Group', r: SeedUser | SeedGroup): Doc => ({
  resourceType: type, created: r.createdAt, lastModified: r.updatedAt,
  location: `${BASE}/${type}s/${r.id}`, version: `W/"${r.version}"`,
});

/** A user as GET renders it (common/resource-doc.ts toScimResource, users.service present). */
export function renderUser(user: SeedUser, data: SeedData, registry: SchemaRegistry): Doc {
  const groups = data.groups
    .filter((g) => g.tenantId === user.tenantId && g.members.some((m) => m.id === user.id))
    .sort((a, b) => (normalizedKey(a.displayName) < normalizedKey(b.displayName) ? -1 : 1))
    .map((g) => ({ value: g.id, $ref: `${BASE}/Groups/${g.id}`, display: g.displayName, type: 'direct' }));
  const resource: Doc = { schemas: [], id: user.id, ...structuredClone(user.doc) };
  if (groups.length) resource.groups = groups;
  resource.meta = meta('User', user);
  return recomputeSchemas(resource, registry, 'User');
}

/**
 * A group as GET renders it. members.display (the member's displayName) is included: the brief
 * of the SQL compiler asks for it, although groups.service does not render it yet.
 */
export function renderGroup(group: SeedGroup, data: SeedData, registry: SchemaRegistry): Doc {
  const members = group.members.map((m) => {
    const display = m.type === 'User'
      ? (data.users.find((u) => u.id === m.id)?.doc.displayName as string | undefined)
      : data.groups.find((g) => g.id === m.id)?.displayName;
    const member: Doc = { value: m.id, $ref: `${BASE}/${m.type}s/${m.id}`, type: m.type };
    if (display !== undefined) member.display = display;
    return member;
  });
  const resource: Doc = { schemas: [], id: group.id, displayName: group.displayName };
  if (group.externalId !== null) resource.externalId = group.externalId;
  if (members.length) resource.members = members;
  resource.meta = meta('Group', group);
  return recomputeSchemas(resource, registry, 'Group');
}

/** Inserts the seed exactly as the services store it: columns, doc JSON, index rows, members. */
export async function insertSeed(ds: DataSource, data: SeedData, registry: SchemaRegistry): Promise<void> {
  const dialect = dialectOf(ds.options.type);
  await ds.transaction(async (m) => {
    const run = (sql: string, params: unknown[]) => m.query(toDialect(sql, dialect), params);
    for (const u of data.users) {
      await run(
        'INSERT INTO scim_user (id, tenant_id, user_name, user_name_ci, external_id, active, version, created_at, updated_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [u.id, u.tenantId, u.userName, normalizedKey(u.userName), u.externalId, u.active ? 1 : 0, u.version, u.createdAt, u.updatedAt, JSON.stringify(u.doc)],
      );
      const rows = flattenResource(renderUser(u, data, registry), { registry, resourceType: 'User' });
      for (const s of insertAttributeRowsSql(rows, { tenantId: u.tenantId, resourceType: 'User', resourceId: u.id })) await run(s.sql, s.params);
    }
    for (const g of data.groups) {
      await run(
        'INSERT INTO scim_group (id, tenant_id, display_name, display_name_ci, external_id, version, created_at, updated_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [g.id, g.tenantId, g.displayName, normalizedKey(g.displayName), g.externalId, g.version, g.createdAt, g.updatedAt,
          JSON.stringify({ displayName: g.displayName, ...(g.externalId === null ? {} : { externalId: g.externalId }) })],
      );
      const rows = flattenResource(renderGroup(g, data, registry), { registry, resourceType: 'Group' });
      for (const s of insertAttributeRowsSql(rows, { tenantId: g.tenantId, resourceType: 'Group', resourceId: g.id })) await run(s.sql, s.params);
      for (const member of g.members) {
        await run('INSERT INTO scim_group_member (group_id, member_id, tenant_id, member_type, created_at) VALUES (?, ?, ?, ?, ?)',
          [g.id, member.id, g.tenantId, member.type, g.createdAt]);
      }
    }
  });
}
