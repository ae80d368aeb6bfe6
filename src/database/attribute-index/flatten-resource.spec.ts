import { createDefaultRegistry, URN } from '@app/scim-core';
import { insertAttributeRowsSql, type AttributeRow } from './attribute-row';
import { flattenResource } from './flatten-resource';

const registry = createDefaultRegistry([{
  id: 'urn:example:params:scim:schemas:extension:t:2.0:User', name: 'T', description: 'test',
  attributes: [
    { name: 'level', type: 'integer', multiValued: false, description: '', required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' },
    { name: 'hiredAt', type: 'dateTime', multiValued: false, description: '', required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' },
    { name: 'tags', type: 'string', multiValued: true, description: '', required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' },
  ],
}]);
const EXT = 'urn:example:params:scim:schemas:extension:t:2.0:User';
const user = (resource: Record<string, unknown>) => flattenResource(resource, { registry, resourceType: 'User' });
const row = (path: string, elem: number, valueStr: string | null, valueNum: number | null = null): AttributeRow =>
  ({ path, elem, valueStr, valueCi: valueStr === null ? null : valueStr.toLowerCase(), valueNum });
const sorted = (rows: AttributeRow[]) => [...rows].sort((a, b) => (a.path + a.elem < b.path + b.elem ? -1 : 1));

// attribute-value.entity.ts: one row per leaf value, canonical lower-case paths, elem per element.
describe('flattenResource', () => {
  it('writes singular, complex and multi-valued attributes with markers and element indexes', () => {
    const rows = user({
      title: 'VP', name: { givenName: 'Barbara', familyName: 'Jensen' },
      emails: [{ value: 'B@Example.com', type: 'work', primary: true }, { value: 'b@home.test' }],
    });
    expect(sorted(rows)).toEqual(sorted([
      row('title', 0, 'VP'),
      row('name', 0, null), row('name.givenname', 0, 'Barbara'), row('name.familyname', 0, 'Jensen'),
      row('emails', 0, null), row('emails.value', 0, 'B@Example.com'), row('emails.type', 0, 'work'), row('emails.primary', 0, 'true', 1),
      row('emails', 1, null), row('emails.value', 1, 'b@home.test'),
    ]));
    expect(rows.find((r) => r.path === 'emails.value')?.valueCi).toBe('b@example.com');
  });

  it('skips dedicated columns, membership, meta, password, unknown keys and absent values', () => {
    expect(user({
      id: 'x', userName: 'u', externalId: 'e', active: true, meta: { created: '2020-01-01T00:00:00Z' }, groups: [{ value: 'g' }],
      password: 'secret', unknownThing: 'x', nickName: null, title: '', displayName: undefined, emails: [null, { value: '' }],
    })).toEqual([row('emails', 1, null)]);
  });

  it('indexes extension attributes under the lower-case URN, URN keys matched case-insensitively', () => {
    const rows = user({
      [URN.ENTERPRISE_USER.toUpperCase()]: { Department: 'R&D', manager: { value: 'M-1', displayName: 'Boss' } },
      [EXT]: { level: 3, tags: ['a', '', 'B'] },
      department: 'bare extension names at the top level are not where the attribute lives',
    });
    const ent = URN.ENTERPRISE_USER.toLowerCase();
    expect(sorted(rows)).toEqual(sorted([
      row(`${ent}:department`, 0, 'R&D'), row(`${ent}:manager`, 0, null), row(`${ent}:manager.value`, 0, 'M-1'),
      row(`${ent}:manager.displayname`, 0, 'Boss'), row(`${EXT.toLowerCase()}:level`, 0, '3', 3),
      row(`${EXT.toLowerCase()}:tags`, 0, 'a'), row(`${EXT.toLowerCase()}:tags`, 2, 'B'),
    ]));
  });

  it('normalises dateTimes like the evaluator (RFC 3339, no offset = UTC) and keeps their instant', () => {
    const at = (hiredAt: unknown) => user({ [EXT]: { hiredAt } })[0];
    expect(at('2020-02-29T14:00:00+02:00')).toEqual(row(`${EXT.toLowerCase()}:hiredat`, 0, '2020-02-29T12:00:00.000Z', Date.UTC(2020, 1, 29, 12)));
    expect(at('2020-02-29T12:00:00').valueNum).toBe(Date.UTC(2020, 1, 29, 12));
    expect(at('Feb 29 2020')).toEqual(row(`${EXT.toLowerCase()}:hiredat`, 0, 'Feb 29 2020', null));
  });

  it('stores a value of the wrong JSON type as present but incomparable (NULL values)', () => {
    expect(user({ title: 42, emails: [{ primary: 'yes' }] })).toEqual([
      { path: 'title', elem: 0, valueStr: null, valueCi: null, valueNum: null },
      row('emails', 0, null), { path: 'emails.primary', elem: 0, valueStr: null, valueCi: null, valueNum: null },
    ]);
  });

  it('reads keys like the evaluator: the exact canonical spelling wins over other casings', () => {
    expect(user({ TITLE: 'upper', title: 'exact', Emails: { value: 'one@x.test' } })).toEqual([
      row('title', 0, 'exact'), row('emails', 0, null), row('emails.value', 0, 'one@x.test'),
    ]);
  });

  it('indexes a Group without displayName and members (dedicated) but with schemas', () => {
    const rows = flattenResource({ schemas: [URN.GROUP], displayName: 'G', members: [{ value: 'u' }] }, { registry, resourceType: 'Group' });
    expect(rows).toEqual([row('schemas', 0, URN.GROUP)]);
  });
});

describe('insertAttributeRowsSql', () => {
  it('binds every value and batches 200 rows per statement', () => {
    const rows = Array.from({ length: 450 }, (_, i) => row('tags', i, `v'${i}`));
    const statements = insertAttributeRowsSql(rows, { tenantId: 't', resourceType: 'User', resourceId: 'r' });
    expect(statements.map((s) => s.params.length)).toEqual([1600, 1600, 400]);
    for (const s of statements) {
      expect(s.sql).not.toContain("v'");
      expect((s.sql.match(/\?/g) ?? []).length).toBe(s.params.length);
    }
    expect(statements[0].params.slice(0, 8)).toEqual(['r', 'tags', 0, 't', 'User', "v'0", "v'0", null]);
  });
});
