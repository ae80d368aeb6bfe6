import fc from 'fast-check';
import { printFilter, URN } from '@app/scim-core';
import { buildGenSpec } from '../factories/filter-paths';
import { filterArbitrary } from '../factories/filter-arbitrary';
import { OracleHarness } from '../factories/oracle-harness';
import { buildSeed, TENANT_A } from '../factories/scim-seed';
import { addFixtures } from '../factories/scim-seed.fixtures';
import { renderGroup, renderUser } from '../factories/seed-database';
import { createTestRegistry } from '../factories/test-extension.schema';

it('stats', () => {
  const registry = createTestRegistry();
  const data = addFixtures(buildSeed());
  const rendered = {
    User: data.users.map((u) => ({ id: u.id, tenantId: u.tenantId, resource: renderUser(u, data, registry) })),
    Group: data.groups.map((g) => ({ id: g.id, tenantId: g.tenantId, resource: renderGroup(g, data, registry) })),
  };
  const h = new OracleHarness(null as any, registry, rendered);
  const spec = buildGenSpec(registry, 'User', rendered.User.map((r) => r.resource));
  const samples = fc.sample(filterArbitrary(spec, URN.USER), { numRuns: 2000, seed: 1 });
  const errors: Record<string, number> = {};
  const sizes = { empty: 0, all: 0, some: 0 };
  const total = rendered.User.filter((r) => r.tenantId === TENANT_A).length;
  let vp = 0;
  for (const f of samples) {
    const o = h.oracle(f, 'User', TENANT_A);
    const t = printFilter(f);
    if (t.includes('[')) vp++;
    if ('error' in o) errors[o.error] = (errors[o.error] ?? 0) + 1;
    else if (o.ids.length === 0) sizes.empty++;
    else if (o.ids.length === total) sizes.all++;
    else sizes.some++;
  }
  console.log(JSON.stringify({ errors, sizes, vp }), spec.leaves.map((l) => `${l.path.attr}${l.path.sub ? '.' + l.path.sub : ''}:${l.kind}:${l.pool.length}`).join(' '));
  console.log(samples.slice(0, 15).map(printFilter).join('\n'));
});
