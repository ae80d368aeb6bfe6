import fc from 'fast-check';
import { createDefaultRegistry, InvalidFilterError, parseFilter, SensitiveError, URN, type CompareOperator, type Filter } from '@app/scim-core';
import type { SqlDialect } from '../sql-dialect';
import { compileFilter, type CompileFilterContext } from './compile-filter';

const registry = createDefaultRegistry();
const ctx = (dialect: SqlDialect, extra: Partial<CompileFilterContext> = {}): CompileFilterContext =>
  ({ registry, resourceType: 'User', alias: 'u', dialect, tenantParam: 'T', ...extra });
const compile = (text: string, c = ctx('sqlite')) => compileFilter(parseFilter(text), c);
const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

// DESIGN.md §5: filters become parameterised SQL for each dialect; see filter-sql-oracle.spec.ts
// for the semantics, checked against the evaluator on a real database.
describe('compileFilter: SQL shape', () => {
  it('userName eq → the unique NFC lower-case key, hinted as selective on SQLite', () => {
    expect(compile('userName eq "Ann@Example.COM"')).toEqual({ sql: 'likelihood(u.user_name_ci = ?, 0.001)', params: ['ann@example.com'] });
    expect(compile('userName eq "Ann"', ctx('postgres'))).toEqual({ sql: 'u.user_name_ci = ?', params: ['ann'] });
  });

  it('externalId eq → the caseExact column, guarded against NULL so NOT stays two-valued', () => {
    expect(compile('externalId eq "AbC"', ctx('postgres'))).toEqual({ sql: '(u.external_id IS NOT NULL AND u.external_id = ?)', params: ['AbC'] });
    expect(compile('externalId ne "AbC"', ctx('postgres')).sql).toBe('NOT ((u.external_id IS NOT NULL AND u.external_id = ?))');
  });

  it('emails[type eq "work"].value eq → driven by the indexed value, type probed on the same element', () => {
    expect(compile('emails[type eq "work"].value eq "A@x"')).toEqual({
      sql: 'u.id IN (SELECT v1.resource_id FROM scim_attribute_value v1 WHERE v1.tenant_id = ? AND v1.resource_type = ? AND ' +
        '(v1.path = ? AND v1.value_ci = ? AND EXISTS (SELECT 1 FROM scim_attribute_value e2 WHERE e2.resource_id = v1.resource_id ' +
        'AND e2.path = ? AND e2.elem = v1.elem AND e2.value_ci = ?)))',
      params: ['T', 'User', 'emails.value', 'a@x', 'emails.type', 'work'],
    });
  });

  it('PostgreSQL gets correlated EXISTS (semi/anti joins), scoped by the row tenant', () => {
    expect(compile('id eq "i" and manager eq "M"', ctx('postgres'))).toEqual({
      sql: '(u.id = ? AND EXISTS (SELECT 1 FROM scim_attribute_value a1 WHERE a1.resource_id = u.id AND a1.tenant_id = u.tenant_id ' +
        'AND a1.resource_type = ? AND (a1.path = ? AND a1.value_ci = ?)))',
      params: ['i', 'User', `${URN.ENTERPRISE_USER.toLowerCase()}:manager.value`, 'm'],
    });
  });

  it('SQLite without tenantParam probes the primary key (unary + keeps the tenant-wide index out)', () => {
    expect(compile('title eq "x"', ctx('sqlite', { tenantParam: undefined })).sql).toBe(
      'EXISTS (SELECT 1 FROM scim_attribute_value a1 WHERE a1.resource_id = u.id AND +a1.tenant_id = u.tenant_id ' +
      'AND +a1.resource_type = ? AND (a1.path = ? AND a1.value_ci = ?))');
  });

  it('Group: id eq … and members eq … → id column and a membership-row probe', () => {
    const group = (dialect: SqlDialect) => compile('id eq "g" and members eq "U1"', ctx(dialect, { resourceType: 'Group', alias: 'g' }));
    expect(group('postgres')).toEqual({
      sql: '(g.id = ? AND EXISTS (SELECT 1 FROM scim_group_member m1 WHERE m1.group_id = g.id AND m1.tenant_id = g.tenant_id AND m1.member_id = ?))',
      params: ['g', 'u1'],
    });
    expect(group('sqlite').sql).toContain('g.id IN (SELECT m1.group_id FROM scim_group_member m1 WHERE m1.tenant_id = ? AND m1.member_id = ?)');
  });

  it('co/sw/ew use string functions, never LIKE; ordering is by code point on PostgreSQL', () => {
    expect(compile('title co "%_" and title sw "a" and title ew "bc"').sql).toMatch(/instr\(a1\.value_ci, \?\) > 0.*substr\(a2\.value_ci, 1, \?\) = \?.*substr\(a3\.value_ci, \?\) = \?/);
    expect(compile('title ew "bc"').params).toEqual(['T', 'User', 'title', -2, 'bc']);
    expect(compile('title co "x" or title sw "y" or title ew "z"', ctx('postgres')).sql).toMatch(/strpos\(.*starts_with\(.*right\(/);
    expect(compile('title gt "M"', ctx('postgres')).sql).toContain('a1.value_ci > ? COLLATE "C"');
    expect(compile('meta.created gt "2020-01-01T00:00:00+01:00"', ctx('postgres'))).toEqual({ sql: 'u.created_at > ?', params: ['2019-12-31T23:00:00.000Z'] });
    expect(compile('title co ""').sql).not.toContain('instr');
    expect(compile('title co "x" or title sw "y"', ctx('postgres')).sql).not.toMatch(/LIKE/i);
  });

  it('pr, eq null and complex attributes: row existence over the sub-attribute paths', () => {
    expect(compile('name pr').params).toEqual(['T', 'User', 'name.formatted', 'name.familyname', 'name.givenname', 'name.middlename', 'name.honorificprefix', 'name.honorificsuffix']);
    expect(compile('title eq null').sql).toMatch(/^NOT \(u\.id IN/);
    expect(compile('meta pr')).toEqual({ sql: '1 = 1', params: [] });
    expect(compile('meta.resourceType eq "user"')).toEqual({ sql: '1 = 0', params: [] });
    expect(compile('active eq "True"')).toEqual({ sql: 'likelihood(u.active = ?, 0.001)', params: [1] });
  });
});

describe('compileFilter: errors are the evaluator\'s, plus computed URLs', () => {
  it.each([
    ['nope eq "x"', InvalidFilterError], ['password eq "x"', SensitiveError], ['active gt true', InvalidFilterError],
    ['meta.location eq "x"', InvalidFilterError], ['groups.$ref eq "x"', InvalidFilterError], ['level eq 1', InvalidFilterError],
  ])('%s', (text, error) => {
    expect(() => compile(text)).toThrow(error);
  });
  it('members.$ref on Group', () => {
    expect(() => compile('members.$ref eq "x"', ctx('postgres', { resourceType: 'Group', alias: 'g' }))).toThrow(InvalidFilterError);
  });
  it('rejects an alias that is not an identifier', () => {
    expect(() => compile('title pr', ctx('sqlite', { alias: 'u; DROP TABLE x' }))).toThrow('Invalid SQL alias');
    expect(() => compile('title pr', ctx('sqlite', { alias: 'a1' }))).toThrow('Invalid SQL alias');
  });
});

describe('compileFilter: values are never written into SQL', () => {
  const MARK = 'Zq7';
  const paths = ['userName', 'externalId', 'id', 'title', 'emails.value', 'emails', 'groups.display', 'groups', 'manager', 'meta.version',
    `${URN.ENTERPRISE_USER}:department`, 'name.givenName', 'schemas'];
  const ops: CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
  const leaf = fc.record({ path: fc.constantFrom(...paths), op: fc.constantFrom(...ops), value: fc.string({ maxLength: 8 }).map((s) => `${MARK}${s}'";`) })
    .map(({ path, op, value }) => parseFilter(`${path} ${op} ${JSON.stringify(value)}`));
  const tree: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
    f: fc.oneof({ depthSize: 'small' }, leaf,
      fc.tuple(tie('f'), tie('f')).map(([left, right]): Filter => ({ kind: 'or', left, right })),
      tie('f').map((f): Filter => ({ kind: 'not', filter: f })),
      fc.tuple(fc.constantFrom('type', 'value', 'display'), fc.string()).map(([sub, v]) => parseFilter(`emails[${sub} co ${JSON.stringify(MARK + v)}]`))),
  })).f;

  it.each(['sqlite', 'postgres'] as const)('%s: one placeholder per parameter, no literal in the text', (dialect) => {
    fc.assert(fc.property(tree, fc.boolean(), (filter, bind) => {
      const out = compileFilter(filter, ctx(dialect, bind ? {} : { tenantParam: undefined }));
      expect(out.sql.toLowerCase()).not.toContain(MARK.toLowerCase());
      expect(placeholders(out.sql)).toBe(out.params.length);
      expect(out.sql.replace(/'W\/"'|'"'|'User'|'displayname'|<> ''|COLLATE "C"/g, '')).not.toMatch(/['";]/);
    }), { numRuns: 300 });
  });
});
