import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt } from '../../system/support/spawn-service';

/** One run directory for the whole suite (logs, recorded secrets, figures); see run-dir.ts. */
export default function globalSetup(): void {
  assertBuilt();
  process.env.RELIABILITY_RUN_DIR ||= mkdtempSync(join(tmpdir(), 'scimbridge-reliability-'));
  process.stdout.write(`\nreliability run directory: ${process.env.RELIABILITY_RUN_DIR}\n`);
}
