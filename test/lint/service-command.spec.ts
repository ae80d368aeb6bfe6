import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { productionNodeArgs, ROOT } from '../system/support/spawn-service';

// The service's node flags (V8 heap bounds, docs/operations.md "Memory") are written in three
// places an operator may read: `npm start`, the image's CMD and the Kubernetes Deployment. They
// must say the same thing, or the benchmark and the specs (which use npm start's) measure and
// test something other than what runs in production.
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The JSON array of a `CMD [...]` / `command: [...]` line that runs dist/src/main.js. */
function execArgs(text: string, prefix: RegExp): string[] {
  const line = text.split('\n').find((l) => prefix.test(l) && l.includes('dist/src/main.js'));
  if (!line) throw new Error(`no ${prefix} line running dist/src/main.js`);
  return JSON.parse(line.slice(line.indexOf('['))) as string[];
}

describe('the service command', () => {
  const flags = productionNodeArgs();

  it('npm start bounds the V8 heap', () => {
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
  });

  it('the Dockerfile CMD runs it with the same flags', () => {
    expect(execArgs(read('Dockerfile'), /^CMD /)).toEqual(['node', ...flags, 'dist/src/main.js']);
  });

  it('the Kubernetes Deployment runs it with the same flags', () => {
    expect(execArgs(read('deploy/k8s/deployment.yaml'), /^\s+command: /)).toEqual(['node', ...flags, 'dist/src/main.js']);
  });
});
