// Test-only preload for the spawned service (NODE_OPTIONS=--require …): reports any own property
// that appears on a built-in prototype after start-up — prototype pollution (reliability-plan.md
// V3) made visible from outside the process. The specs fail on any PROTOTYPE-POLLUTION line.
'use strict';
const targets = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const known = new Map(Object.entries(targets).map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto))]));
function scan() {
  for (const [name, proto] of Object.entries(targets)) {
    const seen = known.get(name);
    for (const key of Reflect.ownKeys(proto)) {
      if (seen.has(key)) continue;
      seen.add(key);
      process.stderr.write(`PROTOTYPE-POLLUTION ${name}.prototype.${String(key)}\n`);
    }
  }
}
setInterval(scan, 200).unref();
process.on('exit', scan);
