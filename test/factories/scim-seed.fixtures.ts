import { URN } from '@app/scim-core';
import { type SeedData, type SeedGroup, type SeedUser, TENANT_A, TENANT_B } from './scim-seed';
import { TEST_EXTENSION_URN } from './test-extension.schema';

/** Known users and groups for table-driven cases (ids fixed, values chosen to trap bad SQL). */
export const FX = {
  percent: '00000000-0000-4000-a000-000000000001',
  plain: '00000000-0000-4000-a000-000000000002',
  otherTenant: '00000000-0000-4000-a000-000000000003',
  group: '00000000-0000-4000-a000-0000000000f1',
  otherTenantGroup: '00000000-0000-4000-a000-0000000000f2',
  emptyStrings: '00000000-0000-4000-a000-0000000000d1',
  decomposed: '00000000-0000-4000-a000-0000000000d2',
  astral: '00000000-0000-4000-a000-0000000000d3',
} as const;

/**
 * A tenant only the "known differences" cases query: its users hold values on which SQL and the
 * evaluator knowingly differ ('' values, non-NFC userNames, astral vs U+E000+ ordering).
 */
export const TENANT_D = '0d0d0d0d-0000-4000-a000-00000000000d';

/** LIKE metacharacters, a backslash, both quotes and mixed case in one e-mail address. */
export const FX_WORK_EMAIL = '100%_Sure\\path"q\'@Example.COM';

const user = (id: string, tenantId: string, userName: string, externalId: string, doc: Record<string, unknown>): SeedUser => ({
  id, tenantId, userName, externalId, active: true, version: 1,
  createdAt: '2019-06-01T08:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
  doc: { userName, externalId, active: true, ...doc },
});

const group = (id: string, tenantId: string, members: string[]): SeedGroup => ({
  id, tenantId, displayName: 'Fixture Group', externalId: 'FX-G', version: 1,
  createdAt: '2019-06-01T08:00:00.000Z', updatedAt: '2019-06-01T08:00:00.000Z',
  members: members.map((m) => ({ id: m, type: 'User' })),
});

/** Adds the fixtures to a seed (tenant A; tenant B gets look-alikes that must never leak). */
export function addFixtures(data: SeedData): SeedData {
  const percent = user(FX.percent, TENANT_A, 'Fixture.Percent@Example.com', 'FX-Ext', {
    displayName: 'Fixture One',
    title: 'a%b_c\\d',
    emails: [{ value: FX_WORK_EMAIL, type: 'work', primary: true }, { value: 'fixture1@home.test', type: 'home' }],
    [URN.ENTERPRISE_USER]: { department: 'Fixtures', manager: { value: FX.plain } },
    [TEST_EXTENSION_URN]: { level: 7, score: 2.5, hiredAt: '2020-02-29T12:00:00Z', remote: true, badge: 'FxBadge', tags: ['fx', 'Fx_Tag'] },
  });
  const plain = user(FX.plain, TENANT_A, 'fixture.two@example.com', 'fx-ext', {
    displayName: 'Fixture Two',
    title: 'aXbYc\\d',
    emails: [{ value: 'aXb_c@example.com', type: 'work' }],
  });
  const lookalike = user(FX.otherTenant, TENANT_B, percent.userName, percent.externalId as string, { ...percent.doc });
  const empty = user(FX.emptyStrings, TENANT_D, 'empty@example.com', '', { title: '' });
  const decomposed = user(FX.decomposed, TENANT_D, 'Zoe\u0308@example.com', 'd2', {});
  const astral = user(FX.astral, TENANT_D, 'astral@example.com', 'd3', { title: '\u{1F600}x' });
  data.users.push(percent, plain, lookalike, empty, decomposed, astral);
  data.groups.push(group(FX.group, TENANT_A, [FX.percent, FX.plain]), group(FX.otherTenantGroup, TENANT_B, [FX.otherTenant]));
  return data;
}
