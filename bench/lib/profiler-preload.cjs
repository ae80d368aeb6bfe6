// Preloaded into the service by `npm run bench -- --profile <phase>` (node --require): SIGUSR2
// starts the V8 CPU profiler in-process, the next SIGUSR2 stops it and writes the profile to
// $BENCH_PROFILE_DIR/<n>.cpuprofile. Lets the bench profile exactly one phase of a long run.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new inspector.Session();
session.connect();
let running = false;
let n = 0;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.enable', () => session.post('Profiler.start')));
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, res) => {
    const file = join(process.env.BENCH_PROFILE_DIR || '.', `${++n}.cpuprofile`);
    if (!err) writeFileSync(file, JSON.stringify(res.profile));
    if (process.send) process.send({ profile: file });
    process.stderr.write(`bench profiler: wrote ${file}\n`);
  });
});
