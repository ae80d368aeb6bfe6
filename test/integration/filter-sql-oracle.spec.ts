import fc from 'fast-check';
import { parseFilter, printFilter, URN, type Filter } from '@app/scim-core';
import type { DataSource } from 'typeorm';
import { buildGenSpec } from '../factories/filter-paths';
import { filterArbitrary } from '../factories/filter-arbitrary';
import { OracleHarness, type Outcome } from '../factories/oracle-harness';
import { buildSeed, TENANT_A, TENANT_B, TENANT_C } from '../factories/scim-seed';
import { addFixtures, FX, FX_WORK_EMAIL } from '../factories/scim-seed.fixtures';
import { insertSeed, renderGroup, renderUser } from '../factories/seed-database';
import { createTestRegistry, TEST_EXTENSION_URN } from '../factories/test-extension.schema';
import { createMigratedDataSource, TEST_ENGINE, type TestDatabase } from '../setup/test-database';

// DESIGN.md §5 / reliability-plan.md F1: filters compile to SQL whose results equal the in-memory
// evaluator's on seeded data, on SQLite and PostgreSQL, with tenants isolated.
const RUNS = Number(process.env.FC_SQL_RUNS ?? 2000);
const registry = createTestRegistry();
const data = addFixtures(buildSeed());
const rendered = {
  User: data.users.map((u) => ({ id: u.id, tenantId: u.tenantId, resource: renderUser(u, data, registry) })),
  Group: data.groups.map((g) => ({ id: g.id, tenantId: g.tenantId, resource: renderGroup(g, data, registry) })),
};

const ids = (o: Outcome): string[] => {
  if (!('ids' in o)) throw new Error(`expected results, got ${o.error}`);
  return o.ids;
};

describe(`filter SQL agrees with the in-memory evaluator (${TEST_ENGINE})`, () => {
  let ds: DataSource;
  let db: TestDatabase;
  let h: OracleHarness;
  const agree = (text: string, type: 'User' | 'Group' = 'User', tenant = TENANT_A) => h.expectAgreement(parseFilter(text), type, tenant);

  beforeAll(async () => {
    ({ ds, db } = await createMigratedDataSource());
    await insertSeed(ds, data, registry);
    h = new OracleHarness(ds, registry, rendered);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it(`generated User filters (${RUNS} runs)`, async () => {
    const arbitrary = filterArbitrary(buildGenSpec(registry, 'User', rendered.User.map((r) => r.resource)), URN.USER);
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, fc.constantFrom(TENANT_A, TENANT_A, TENANT_A, TENANT_C), fc.boolean(), async (ast, tenant, bind) => {
        const filter = roundTrip(ast);
        const outcome = await h.expectAgreement(filter, 'User', tenant, bind);
        if ('ids' in outcome && outcome.ids.length > 0) nonTrivial += 1;
      }),
      { numRuns: RUNS },
    );
    expect(nonTrivial).toBeGreaterThan(RUNS / 4);
  });

  it(`generated Group filters (${Math.ceil(RUNS / 5)} runs)`, async () => {
    const arbitrary = filterArbitrary(buildGenSpec(registry, 'Group', rendered.Group.map((r) => r.resource)), URN.GROUP);
    await fc.assert(
      fc.asyncProperty(arbitrary, fc.constantFrom(TENANT_A, TENANT_C), fc.boolean(), async (ast, tenant, bind) => {
        await h.expectAgreement(roundTrip(ast), 'Group', tenant, bind);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  describe('every operator, on dedicated columns and the attribute index', () => {
    const cases: [string, string][] = [
      ['userName', '"fixture.PERCENT@example.com"'], ['externalId', '"EXT1"'], ['title', '"Engineer"'], ['emails.value', '"example.com"'],
      ['meta.created', '"2019-06-01T08:00:00Z"'], ['meta.lastModified', '"2020-01-01T00:00:00+01:00"'], [`${TEST_EXTENSION_URN}:level`, '7'],
      ['score', '2.5'], ['hiredAt', '"2010-01-01T00:00:00"'], ['badge', '"B-100"'], ['tags', '"beta"'], ['manager', `"${FX.plain.toUpperCase()}"`],
      ['groups.display', '"Sales"'], ['name.familyName', '"Lee"'], ['urn:ietf:params:scim:schemas:core:2.0:User:displayName', '"Fixture One"'],
    ];
    const ops = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
    it.each(cases)('%s with each operator, pr and null', async (path, literal) => {
      for (const op of ops) await agree(`${path} ${op} ${literal}`);
      await agree(`${path} pr`);
      await agree(`${path} eq null`);
      await agree(`not (${path} ne null)`);
    });
  });

  describe('LIKE metacharacters are data, not patterns', () => {
    it.each([
      ['title co "%b_"', [FX.percent], [FX.plain]],
      ['title sw "a%"', [FX.percent], [FX.plain]],
      ['title co "_"', [FX.percent], [FX.plain]],
      ['title ew "c\\\\d"', [FX.percent, FX.plain], []],
      ['emails.value co "%_sure\\\\PATH\\"Q\'"', [FX.percent], [FX.plain]],
      ['emails.value sw "axb_"', [FX.plain], [FX.percent]],
      ['tags co "_"', [FX.percent], []],
    ])('%s', async (text, included, excluded) => {
      const result = ids(await agree(text));
      for (const id of included) expect(result).toContain(id);
      for (const id of excluded) expect(result).not.toContain(id);
    });
  });

  describe('case sensitivity follows caseExact', () => {
    it.each([
      ['externalId eq "FX-Ext"', [FX.percent]],
      ['externalId eq "fx-ext"', [FX.plain]],
      ['externalId co "X-E"', [FX.percent]],
      ['badge eq "fxbadge"', []],
      ['badge co "xB"', [FX.percent]],
      ['badge co "xb"', []],
      ['userName eq "FIXTURE.PERCENT@EXAMPLE.COM"', [FX.percent]],
      ['title co "A%B"', [FX.percent]],
      [`id eq "${FX.percent.toUpperCase()}"`, []],
    ])('%s', async (text, expected) => {
      const result = ids(await agree(text)).filter((id) => id.startsWith('00000000-'));
      expect(result).toEqual(expected);
    });
  });

  describe('the filters Entra sends (entra-scim.md Q14)', () => {
    it.each([
      ['userName eq "Fixture.Percent@Example.com"', 'User', [FX.percent]],
      ['userName eq "8c9d4e3f-0000-4000-a000-000000000000"', 'User', []],
      ['externalId eq "FX-Ext"', 'User', [FX.percent]],
      [`emails[type eq "work"].value eq ${JSON.stringify(FX_WORK_EMAIL.toLowerCase())}`, 'User', [FX.percent]],
      [`emails[type eq "home"].value eq ${JSON.stringify(FX_WORK_EMAIL)}`, 'User', []],
      [`id eq "${FX.percent}" and manager eq "${FX.plain}"`, 'User', [FX.percent]],
      [`id eq "${FX.percent}" and manager eq "${FX.percent}"`, 'User', []],
      [`id eq "${FX.group}" and members eq "${FX.percent}"`, 'Group', [FX.group]],
      [`id eq "${FX.group}" and members eq "${FX.otherTenant}"`, 'Group', []],
      ['displayName eq "fixture group"', 'Group', [FX.group]],
    ] as const)('%s', async (text, type, expected) => {
      expect(ids(await agree(text, type))).toEqual(expected);
    });

    it('never returns another tenant\'s look-alike', async () => {
      expect(ids(await agree('userName eq "Fixture.Percent@Example.com"', 'User', TENANT_B))).toEqual([FX.otherTenant]);
      expect(ids(await agree('externalId eq "FX-Ext" or emails.value co "100%"', 'User'))).not.toContain(FX.otherTenant);
    });
  });

  it('runs a 200-term filter', async () => {
    const terms = Array.from({ length: 200 }, (_, i) =>
      [`userName eq "u${i}"`, `emails co "${i}"`, `title sw "${i}"`, `level gt ${i}`][i % 4]);
    const text = terms.join(' or ');
    expect(text.length).toBeLessThanOrEqual(4096);
    const result = await agree(text);
    expect(ids(result).length).toBeGreaterThan(0);
  });
});

/** The generated AST printed and parsed back: only grammar-valid filters are tested. */
function roundTrip(ast: Filter): Filter {
  const parsed = parseFilter(printFilter(ast));
  expect(parsed).toEqual(ast);
  return parsed;
}
