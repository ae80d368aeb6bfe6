import type { AuditRetentionService } from './audit-retention.service';
import type { AuditVerifierService } from './audit-verifier.service';

/** What the audit CLI commands need from the application context. */
export interface AuditCliServices {
  verifier: AuditVerifierService;
  retention: AuditRetentionService;
}

interface Args {
  positional: string[];
  flags: Record<string, string | true>;
}

type AuditCommand = (a: Args, c: { audit?: AuditCliServices; out: (line: string) => void }) => Promise<void>;

function services(c: { audit?: AuditCliServices }): AuditCliServices {
  if (!c.audit) throw new Error('audit services are not available in this context');
  return c.audit;
}

function tenantFlag(a: Args, required: boolean): string | undefined {
  const v = a.flags.tenant;
  if (v === true || (required && !v)) throw new Error('--tenant <tenantId> is required');
  return v;
}

/**
 * `audit:verify` exits non-zero on a broken chain (the error names the first broken event), so a
 * cron job or CI step can alert on it. `audit:prune` applies AUDIT_RETENTION_DAYS now.
 */
export const AUDIT_COMMANDS: Record<string, AuditCommand> = {
  'audit:verify': async (a, c) => {
    const r = await services(c).verifier.verify(tenantFlag(a, true)!);
    c.out(`Events checked: ${r.checked} (seq ${r.anchor.seq + 1}–${r.head.seq})`);
    c.out(`Head: seq ${r.head.seq} ${r.head.hash}`);
    if (r.firstBroken) {
      const b = r.firstBroken;
      throw new Error(`audit chain of tenant ${r.tenantId} is broken at seq ${b.seq}${b.eventId ? ` (event ${b.eventId})` : ''}: ${b.detail}`);
    }
    c.out('Chain OK');
  },
  'audit:prune': async (a, c) => {
    const { retention } = services(c);
    if (retention.retentionDays <= 0) return c.out('AUDIT_RETENTION_DAYS is 0: audit events are kept forever, nothing pruned');
    const reports = await retention.prune(tenantFlag(a, false));
    for (const r of reports) c.out(`${r.tenantId}\tpruned=${r.pruned}`);
    c.out(`Pruned ${reports.reduce((n, r) => n + r.pruned, 0)} event(s) older than ${retention.retentionDays} days`);
  },
};

export const AUDIT_HELP = `  npm run cli -- audit:verify --tenant <id>   verify the tenant's audit hash chain; exit 1 naming the first broken event
  npm run cli -- audit:prune [--tenant <id>]  delete audit events older than AUDIT_RETENTION_DAYS (the chain stays verifiable)
`;
