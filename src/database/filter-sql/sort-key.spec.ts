import { createDefaultRegistry, InvalidValueError, SensitiveError, type AttrPath } from '@app/scim-core';
import type { SqlDialect } from '../sql-dialect';
import { compileSortKey, orderByClause } from './sort-key';

const registry = createDefaultRegistry();
const key = (path: AttrPath, dialect: SqlDialect = 'sqlite', resourceType: 'User' | 'Group' = 'User') =>
  compileSortKey(path, { registry, resourceType, alias: 'u', dialect });

// RFC 7644 §3.4.2.3; ordering itself is checked against a JavaScript model in filter-sql-oracle.spec.ts.
describe('compileSortKey', () => {
  it('uses dedicated columns directly, strings by code point on PostgreSQL', () => {
    expect(key({ attr: 'USERNAME' })).toBe('u.user_name_ci');
    expect(key({ attr: 'userName' }, 'postgres')).toBe('u.user_name_ci COLLATE "C"');
    expect(key({ attr: 'meta', sub: 'lastModified' }, 'postgres')).toBe('u.updated_at');
    expect(key({ attr: 'displayName' }, 'postgres', 'Group')).toBe('u.display_name_ci COLLATE "C"');
  });

  it('sorts other singular attributes by a correlated scalar sub-query on the index', () => {
    expect(key({ attr: 'title' })).toBe("(SELECT min(s0.value_ci) FROM scim_attribute_value s0 WHERE s0.resource_id = u.id AND s0.path = 'title')");
    expect(key({ uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attr: 'manager' })).toContain(
      "s0.path = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:manager.value'");
  });

  it('sorts multi-valued attributes by the primary element, else the smallest value', () => {
    const sql = key({ attr: 'emails', sub: 'type' });
    expect(sql).toMatch(/^COALESCE\(\(SELECT min\(s1\.value_ci\) FROM scim_attribute_value s1 JOIN scim_attribute_value p1/);
    expect(sql).toContain("p1.path = 'emails.primary' AND p1.value_num = 1");
    expect(sql).toContain("s1.path = 'emails.type'");
    expect(key({ attr: 'emails', sub: 'primary' })).toContain('min(s1.value_num)');
  });

  it('rejects what cannot be sorted', () => {
    expect(() => key({ attr: 'nope' })).toThrow(InvalidValueError);
    expect(() => key({ attr: 'name' })).toThrow(InvalidValueError);
    expect(() => key({ attr: 'groups' })).toThrow(InvalidValueError);
    expect(() => key({ attr: 'members' }, 'sqlite', 'Group')).toThrow(InvalidValueError);
    expect(() => key({ attr: 'meta', sub: 'location' })).toThrow(InvalidValueError);
    expect(() => key({ attr: 'password' })).toThrow(SensitiveError);
  });

  it('orderByClause puts missing values last ascending, first descending, then the id', () => {
    const ctx = { registry, resourceType: 'User' as const, alias: 'u', dialect: 'sqlite' as const };
    expect(orderByClause({ attr: 'externalId' }, 'ascending', ctx)).toBe('u.external_id ASC NULLS LAST, u.id ASC');
    expect(orderByClause({ attr: 'externalId' }, 'descending', ctx)).toBe('u.external_id DESC NULLS FIRST, u.id ASC');
  });
});
