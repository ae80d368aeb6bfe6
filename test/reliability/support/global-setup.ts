import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN_JS, ROOT } from '../../system/support/spawn-service';

/**
 * One run directory for the whole suite (logs, recorded secrets, figures; see run-dir.ts). With
 * RELIABILITY_SNAPSHOT=1 (set by `npm run test:reliability`) the built service is copied first
 * (under node_modules/.cache, so its requires still resolve) and every spawn runs the copy: a
 * rebuild in the same tree during a long run cannot break it.
 */
export default function globalSetup(): void {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npm run build\` first`);
  if (!process.env.RELIABILITY_RUN_DIR) {
    process.env.RELIABILITY_RUN_DIR = mkdtempSync(join(tmpdir(), 'scimbridge-reliability-'));
    process.env.RELIABILITY_OWN_RUN_DIR = '1';
  }
  if (process.env.RELIABILITY_SNAPSHOT === '1' && !process.env.RELIABILITY_MAIN_JS) {
    const copy = join(ROOT, 'node_modules/.cache/scimbridge-reliability', `dist-${process.pid}`);
    cpSync(join(ROOT, 'dist'), copy, { recursive: true });
    process.env.RELIABILITY_MAIN_JS = join(copy, 'src/main.js');
  }
  process.stdout.write(`\nreliability run directory: ${process.env.RELIABILITY_RUN_DIR}${process.env.RELIABILITY_MAIN_JS ? `; service: ${process.env.RELIABILITY_MAIN_JS}` : ''}\n`);
}
