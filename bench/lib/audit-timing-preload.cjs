// Preloaded into the service by `npm run bench -- audit-cost --timing` (node --require): times the
// parts of writing an audit event — AuditService.recordChange and, inside it, the diff, the draft
// (canonical JSON of the changes), the chain append and the hashes — and every SQL statement by
// text (better-sqlite3: the synchronous call; pg: until the result arrives). The first SIGUSR2
// starts counting, the next writes $BENCH_PROFILE_DIR/timing.json: per function and per
// statement, calls and total µs. Wall time, not CPU: on SQLite a COMMIT's fsync is in it.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const stats = new Map();
let counting = false;
const add = (key, us) => {
  if (!counting) return;
  const s = stats.get(key) ?? { calls: 0, us: 0 };
  s.calls += 1;
  s.us += us;
  stats.set(key, s);
};
const now = () => process.hrtime.bigint();
const since = (t0) => Number(now() - t0) / 1000;

/** Wraps a sync or async function so its wall time is added under `key`. */
function timed(key, fn) {
  return function (...args) {
    const t0 = now();
    const out = fn.apply(this, args);
    if (out && typeof out.then === 'function') return out.finally(() => add(key, since(t0)));
    add(key, since(t0));
    return out;
  };
}

const sqlKey = (sql) => `sql: ${String(sql).replace(/\s+/g, ' ').trim().slice(0, 120)}`;

// Exports to wrap, by the file that defines them (the compiled code calls them through `exports`).
const TARGETS = {
  '/src/audit/audit-diff.js': ['diffResources'],
  '/src/audit/audit-action.js': ['actionOfChange'],
  '/src/audit/audit-members.js': ['auditMembers'],
  '/src/audit/audit-event.builder.js': ['changeDraft'],
  '/src/audit/audit-hash.js': ['eventHash', 'canonicalJson', 'canonicalAroundSeq'],
  '/src/audit/audit-chain.js': ['appendEvent', 'lockChainHead'],
};

function patchBetterSqlite(Database) {
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (sql) {
    const st = prepare.call(this, sql);
    for (const m of ['run', 'all', 'get']) st[m] = timed(sqlKey(sql), st[m]);
    return st;
  };
}

function patchPg(pg) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    if (!text) return query.call(this, config, values, callback);
    const t0 = now();
    const cb = typeof callback === 'function' ? callback : typeof values === 'function' ? values : undefined;
    if (cb) {
      const wrapped = (...a) => {
        add(sqlKey(text), since(t0));
        return cb(...a);
      };
      return typeof callback === 'function' ? query.call(this, config, values, wrapped) : query.call(this, config, wrapped);
    }
    const out = query.call(this, config, values);
    return out && typeof out.then === 'function' ? out.finally(() => add(sqlKey(text), since(t0))) : out;
  };
}

const patched = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exports = load.apply(this, [request, parent, isMain]);
  let file;
  try {
    file = Module._resolveFilename(request, parent, isMain);
  } catch {
    return exports;
  }
  if (patched.has(file)) return exports;
  patched.add(file);
  if (request === 'better-sqlite3') patchBetterSqlite(exports);
  else if (request === 'pg') patchPg(exports);
  else if (file.endsWith('/src/audit/audit.service.js')) {
    const proto = exports.AuditService.prototype;
    proto.recordChange = timed('recordChange (the whole audit write)', proto.recordChange);
  } else {
    const suffix = Object.keys(TARGETS).find((s) => file.endsWith(s));
    for (const name of suffix ? TARGETS[suffix] : []) exports[name] = timed(name, exports[name]);
  }
  return exports;
};

process.on('SIGUSR2', () => {
  if (!counting) {
    stats.clear();
    counting = true;
    return;
  }
  counting = false;
  const rows = [...stats].map(([key, s]) => ({ key, calls: s.calls, totalUs: Math.round(s.us), avgUs: Math.round((s.us / s.calls) * 10) / 10 }));
  rows.sort((a, b) => b.totalUs - a.totalUs);
  writeFileSync(join(process.env.BENCH_PROFILE_DIR || '.', 'timing.json'), `${JSON.stringify(rows, null, 2)}\n`);
});
