import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { assertBuilt, ROOT } from './support/spawn-service';

// Issue 6: a stray rejected promise or an emitter error without a listener is logged (type,
// message; no request data) and counted, and the process keeps serving instead of exiting.
// Run against the built modules in a child process: Jest installs its own handlers in-process.
describe('process guard of the built service', () => {
  it('logs and counts unhandledRejection and uncaughtException, and the process carries on', async () => {
    assertBuilt();
    const script = `
      const { createRootLogger } = require(${JSON.stringify(join(ROOT, 'dist/src/observability/logger.js'))});
      const { installProcessGuard, processFaults } = require(${JSON.stringify(join(ROOT, 'dist/src/observability/process-guard.js'))});
      installProcessGuard(createRootLogger({ logLevel: 'info' }));
      Promise.reject(Object.assign(new Error('pool went away'), { code: 'ECONNRESET' }));
      setTimeout(() => { throw new TypeError('emitter without a listener'); }, 10);
      setTimeout(() => { console.log(JSON.stringify({ still: 'running', faults: processFaults })); }, 100);
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { timeout: 10_000 });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', kind: 'unhandledRejection', msg: 'unhandled promise rejection',
        err: expect.objectContaining({ type: 'Error', code: 'ECONNRESET', message: 'pool went away' }) }),
      expect.objectContaining({ level: 'error', kind: 'uncaughtException', err: expect.objectContaining({ type: 'TypeError' }) }),
      { still: 'running', faults: { unhandledRejection: 1, uncaughtException: 1 } },
    ]);
  });
});
