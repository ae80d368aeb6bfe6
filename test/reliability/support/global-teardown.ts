import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Removes what global-setup.ts made for this run: the snapshot of dist/, and the recorded secrets
 * (test-only tokens; the logs and figures stay in the run directory for reading).
 */
export default function globalTeardown(): void {
  const main = process.env.RELIABILITY_MAIN_JS;
  if (process.env.RELIABILITY_SNAPSHOT === '1' && main?.includes(`dist-${process.pid}`)) rmSync(dirname(dirname(main)), { recursive: true, force: true });
  if (process.env.RELIABILITY_OWN_RUN_DIR === '1' && process.env.RELIABILITY_RUN_DIR) rmSync(join(process.env.RELIABILITY_RUN_DIR, 'secrets.txt'), { force: true });
}
