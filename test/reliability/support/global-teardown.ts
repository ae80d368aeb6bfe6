import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Removes the snapshot of dist/ that global-setup.ts made for this run. */
export default function globalTeardown(): void {
  const main = process.env.RELIABILITY_MAIN_JS;
  if (process.env.RELIABILITY_SNAPSHOT === '1' && main?.includes(`dist-${process.pid}`)) rmSync(dirname(dirname(main)), { recursive: true, force: true });
}
