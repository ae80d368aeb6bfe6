#!/usr/bin/env node
// Seeds users into a running service's database through the service's own code path: it boots the
// built application (same env: DATA_DIR or DATABASE_URL) without listening, and calls
// UsersService.create() for each user — schema coercion, the row, its attribute-index rows and
// the hash-chained audit event, exactly as POST /Users does — skipping only HTTP, auth and
// JSON (de)serialisation. Creates are grouped 500 per transaction (the service commits each one
// alone); that is the only difference, and it only makes seeding fast.
//
//   node bench/seed-service.mjs <dist dir> <tenant id> <from index> <to index>
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { userBody } from './lib/entra.mjs';

const [distArg, tenantId, fromArg, toArg] = process.argv.slice(2);
const dist = resolve(distArg);
const from = Number(fromArg);
const to = Number(toArg);
const BATCH = 500;

const require = createRequire(join(dist, 'src', 'main.js'));
require('reflect-metadata');
const { loadConfig } = require(join(dist, 'src/config/app-config.js'));
const { createApp } = require(join(dist, 'src/bootstrap/create-app.js'));
const { UsersService } = require(join(dist, 'src/users/users.service.js'));

const config = loadConfig();
const { app } = await createApp(config, { logger: false });
const users = app.get(UsersService);
// The runner the service itself uses (Nest singleton): run a batch of creates in one of its transactions.
const tx = users.tx;
const call = {
  principal: { tenantId, actorId: 'bench-seed', actorName: 'bench seed', actorType: 'token', scopes: new Set(['admin']) },
  base: `${config.publicBaseUrl}/scim/v2/${tenantId}`,
  requestId: 'bench-seed',
  ip: '127.0.0.1',
  method: 'POST',
  route: '/scim/v2/:tenantId/Users',
  quirks: [],
};
const t0 = Date.now();
for (let start = from; start < to; start += BATCH) {
  await tx.write(async (db) => {
    const write = tx.write;
    tx.write = (fn) => fn(db);
    try {
      for (let i = start; i < Math.min(to, start + BATCH); i++) await users.create(call, userBody(i));
    } finally {
      tx.write = write;
    }
  });
}
await app.close();
process.stdout.write(`seeded ${to - from} users in ${Date.now() - t0} ms\n`);
process.exit(0);
