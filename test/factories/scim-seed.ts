import { URN } from '@app/scim-core';
import { SeededRandom } from './seeded-random';
import { TEST_EXTENSION_URN } from './test-extension.schema';
import * as V from './scim-seed.values';

type Doc = Record<string, unknown>;

/** A user as the service stores it: dedicated columns plus the client's document. */
export interface SeedUser {
  id: string;
  tenantId: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  doc: Doc;
}

export interface SeedGroup {
  id: string;
  tenantId: string;
  displayName: string;
  externalId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  members: { id: string; type: 'User' | 'Group' }[];
}

export interface SeedData {
  tenants: string[];
  users: SeedUser[];
  groups: SeedGroup[];
}

export const TENANT_A = '0a0a0a0a-0000-4000-a000-00000000000a';
export const TENANT_B = '0b0b0b0b-0000-4000-a000-00000000000b';
export const TENANT_C = '0c0c0c0c-0000-4000-a000-00000000000c';

/** 500 users (420 / 55 / 25 over three tenants) and 30 + 10 + 5 groups, identical on every run. */
export function buildSeed(seed = 20251128): SeedData {
  const rnd = new SeededRandom(seed);
  const plan: [string, number, number][] = [[TENANT_A, 420, 30], [TENANT_B, 55, 10], [TENANT_C, 25, 5]];
  const users: SeedUser[] = [];
  const groups: SeedGroup[] = [];
  for (const [tenantId, userCount, groupCount] of plan) {
    const own: SeedUser[] = [];
    for (let i = 0; i < userCount; i++) own.push(seedUser(rnd, tenantId, i, own));
    users.push(...own);
    groups.push(...seedGroups(rnd, tenantId, groupCount, own));
  }
  return { tenants: plan.map((p) => p[0]), users, groups };
}

function seedUser(rnd: SeededRandom, tenantId: string, i: number, earlier: SeedUser[]): SeedUser {
  const given = rnd.pick(V.GIVEN);
  const family = rnd.pick(V.FAMILY);
  // userNames repeat across tenants (unique per tenant only) so a leak would show.
  const userName = `${given}.${family}${i}@${rnd.pick(V.DOMAINS)}`;
  const createdAt = rnd.isoBetween(2012, 2025);
  const active = rnd.chance(0.8);
  const externalId = rnd.chance(0.85) ? `${rnd.pick(['EXT', 'ext', 'Ext_'])}${rnd.int(1, 60)}` : null;
  const doc: Doc = { userName, active };
  if (externalId !== null) doc.externalId = externalId;
  if (rnd.chance(0.8)) doc.name = seedName(rnd, given, family);
  if (rnd.chance(0.85)) doc.displayName = `${given} ${family}`;
  if (rnd.chance(0.3)) doc.nickName = given.toLowerCase();
  if (rnd.chance(0.6)) doc.title = rnd.pick(V.TITLES);
  if (rnd.chance(0.7)) doc.userType = rnd.pick(V.USER_TYPES);
  if (rnd.chance(0.5)) doc.preferredLanguage = rnd.pick(V.LANGUAGES);
  if (rnd.chance(0.3)) doc.timezone = rnd.pick(V.TIMEZONES);
  const emails = seedList(rnd, rnd.int(0, 3), () => ({ value: `${given}.${family}${rnd.int(0, 9)}@${rnd.pick(V.DOMAINS)}`, type: rnd.pick(V.EMAIL_TYPES) }));
  if (emails.length) doc.emails = withPrimary(rnd, emails, (e) => rnd.chance(0.3) && (e.display = `${given} <${e.value}>`));
  const phones = seedList(rnd, rnd.int(0, 2), () => ({ value: `+1-555-01${rnd.int(10, 40)}`, type: rnd.pick(V.PHONE_TYPES) }));
  if (phones.length) doc.phoneNumbers = withPrimary(rnd, phones);
  const addresses = seedList(rnd, rnd.int(0, 2), () => seedAddress(rnd));
  if (addresses.length) doc.addresses = withPrimary(rnd, addresses);
  if (rnd.chance(0.25)) doc.ims = [{ value: `${given.toLowerCase()}${i}`, type: rnd.pick(V.IM_TYPES) }];
  const roles = seedList(rnd, rnd.int(0, 2), () => ({ value: rnd.pick(V.ROLES), display: rnd.pick(V.ROLES), type: rnd.pick(['app', 'App']) }));
  if (roles.length) doc.roles = withPrimary(rnd, roles);
  if (rnd.chance(0.15)) doc.entitlements = [{ value: rnd.pick(['E1', 'e1', 'E2']) }];
  if (rnd.chance(0.7)) doc[URN.ENTERPRISE_USER] = seedEnterprise(rnd, earlier);
  if (rnd.chance(0.6)) doc[TEST_EXTENSION_URN] = seedCustom(rnd);
  return {
    id: rnd.uuid(), tenantId, userName, externalId, active, version: rnd.int(1, 5),
    createdAt, updatedAt: new Date(Date.parse(createdAt) + rnd.int(0, 5e10)).toISOString(), doc,
  };
}

function seedName(rnd: SeededRandom, given: string, family: string): Doc {
  const name: Doc = { givenName: given, familyName: family, formatted: `${given} ${family}` };
  if (rnd.chance(0.2)) name.middleName = rnd.pick(V.GIVEN);
  if (rnd.chance(0.1)) name.honorificPrefix = rnd.pick(['Dr.', 'ms.', 'Mr']);
  return name;
}

function seedAddress(rnd: SeededRandom): Doc {
  const address: Doc = { locality: rnd.pick(V.LOCALITIES), country: rnd.pick(V.COUNTRIES), type: rnd.pick(['work', 'home', 'Home']) };
  if (rnd.chance(0.7)) address.postalCode = String(rnd.int(10000, 10040));
  if (rnd.chance(0.5)) address.streetAddress = `${rnd.int(1, 99)} Main St_${rnd.int(1, 3)}`;
  return address;
}

function seedEnterprise(rnd: SeededRandom, earlier: SeedUser[]): Doc {
  const ent: Doc = { department: rnd.pick(V.DEPARTMENTS) };
  if (rnd.chance(0.6)) ent.employeeNumber = String(rnd.int(1, 999)).padStart(5, '0');
  if (rnd.chance(0.5)) ent.costCenter = rnd.pick(V.COST_CENTERS);
  if (rnd.chance(0.4)) ent.organization = rnd.pick(V.ORGS);
  if (rnd.chance(0.4)) ent.division = rnd.pick(V.DIVISIONS);
  if (rnd.chance(0.6) && earlier.length > 0) {
    const manager = rnd.pick(earlier);
    ent.manager = rnd.chance(0.7) ? { value: manager.id, displayName: manager.userName } : { value: manager.id.toUpperCase() };
  }
  return ent;
}

function seedCustom(rnd: SeededRandom): Doc {
  const ext: Doc = {};
  if (rnd.chance(0.7)) ext.level = rnd.int(-5, 20);
  if (rnd.chance(0.6)) ext.score = rnd.int(-400, 400) / 8;
  if (rnd.chance(0.6)) ext.hiredAt = rnd.pick(V.DATE_FORMS)(rnd.isoBetween(1995, 2025));
  if (rnd.chance(0.6)) ext.remote = rnd.chance(0.5);
  if (rnd.chance(0.5)) ext.badge = rnd.pick(V.BADGES);
  const tags = seedList(rnd, rnd.int(0, 3), () => rnd.pick(V.TAGS));
  if (tags.length) ext.tags = tags;
  return ext;
}

function seedGroups(rnd: SeededRandom, tenantId: string, count: number, users: SeedUser[]): SeedGroup[] {
  const groups: SeedGroup[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = rnd.isoBetween(2015, 2025);
    const members: SeedGroup['members'] = [...new Set(seedList(rnd, rnd.int(0, 40), () => rnd.pick(users).id))].map((id) => ({ id, type: 'User' }));
    if (groups.length > 0 && rnd.chance(0.3)) members.push({ id: rnd.pick(groups).id, type: 'Group' });
    groups.push({
      id: rnd.uuid(), tenantId, displayName: V.GROUP_NAMES[i], externalId: rnd.chance(0.6) ? `grp-${rnd.int(1, 20)}` : null,
      version: rnd.int(1, 3), createdAt, updatedAt: createdAt, members,
    });
  }
  return groups;
}

function seedList<T>(rnd: SeededRandom, n: number, make: () => T): T[] {
  return Array.from({ length: n }, make);
}

/** Marks at most one element primary (sometimes none), sometimes also writes primary:false. */
function withPrimary(rnd: SeededRandom, items: Doc[], extra?: (item: Doc) => unknown): Doc[] {
  const primary = rnd.chance(0.6) ? rnd.int(0, items.length - 1) : -1;
  items.forEach((item, i) => {
    if (i === primary) item.primary = true;
    else if (rnd.chance(0.3)) item.primary = false;
    extra?.(item);
  });
  return items;
}
