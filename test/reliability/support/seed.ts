import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URN } from '@app/scim-core';
import { buildSeed, TENANT_A } from '../../factories/scim-seed';
import { TEST_EXTENSION, TEST_EXTENSION_URN } from '../../factories/test-extension.schema';
import { recordSecret } from './run-dir';
import { CORE_GROUP, CORE_USER, Json, pool, ScimClient } from './scim-client';

/**
 * The test extension (test/factories/test-extension.schema.ts: integer, decimal, dateTime,
 * boolean, caseExact and multi-valued attributes) as a CUSTOM_SCHEMAS_FILE for the spawned service,
 * so the client-side registry (createTestRegistry) and the server's are the same.
 */
export function writeExtensionFile(dir: string): string {
  const file = join(dir, 'test-extension.json');
  const attributes = TEST_EXTENSION.attributes.map((a) => ({ name: a.name, type: a.type, multiValued: a.multiValued, caseExact: a.caseExact }));
  writeFileSync(file, JSON.stringify([{ id: TEST_EXTENSION_URN, name: TEST_EXTENSION.name, description: TEST_EXTENSION.description, attributes }]));
  return file;
}

export const CANARY_PASSWORD = `canary-pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;

export interface Seeded {
  users: Json[];
  groups: Json[];
  refused: number;
}

/**
 * Tenant A of the deterministic seed (test/factories/scim-seed.ts: mixed case, NFC/non-ASCII,
 * LIKE metacharacters, quotes, backslashes), `userCount` users and its groups with members, created
 * over HTTP. Every tenth user carries the canary password (never stored, returned or logged).
 * Returns the service's own full representations, fetched once: the oracle's input.
 */
export async function seedOverHttp(c: ScimClient, userCount: number): Promise<Seeded> {
  recordSecret(CANARY_PASSWORD);
  const data = buildSeed();
  const seedUsers = data.users.filter((u) => u.tenantId === TENANT_A).slice(0, userCount);
  const idOf = new Map<string, string>();
  let refused = 0;
  await pool(seedUsers, 4, async (u, i) => {
    const schemas = [CORE_USER, ...[URN.ENTERPRISE_USER, TEST_EXTENSION_URN].filter((k) => k in u.doc)];
    const res = await c.send('POST', '/Users', { schemas, ...u.doc, ...(i % 10 === 0 ? { password: CANARY_PASSWORD } : {}) });
    if (res.status === 201) idOf.set(u.id, res.json.id);
    else if (res.status === 400) refused++; // e.g. the seed's deliberate 'not-a-date' dateTime
    else throw new Error(`seed user ${u.userName}: ${res.status} ${res.text.slice(0, 200)}`);
  });
  for (const g of data.groups.filter((x) => x.tenantId === TENANT_A)) {
    const members = g.members.map((m) => idOf.get(m.id)).filter((id): id is string => Boolean(id)).map((value) => ({ value }));
    const res = await c.send('POST', '/Groups', { schemas: [CORE_GROUP], displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}), members });
    if (res.status !== 201) throw new Error(`seed group ${g.displayName}: ${res.status} ${res.text.slice(0, 200)}`);
    idOf.set(g.id, res.json.id);
  }
  return { users: await c.listAll('Users'), groups: await c.listAll('Groups'), refused };
}
