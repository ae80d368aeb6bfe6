import type { AppConfig } from '../config/app-config';

export interface AuditSettings {
  /** Events older than this many days are pruned; 0 keeps them forever. */
  retentionDays: number;
  /** How often each replica runs the pruning job; 0 = only `npm run cli -- audit:prune`. */
  pruneIntervalMinutes: number;
}

export const AUDIT_DEFAULTS: AuditSettings = { retentionDays: 365, pruneIntervalMinutes: 60 };

/** The audit settings with defaults applied (hand-built test configs may omit them). */
export function resolveAuditSettings(c: Pick<AppConfig, 'auditRetentionDays' | 'auditPruneIntervalMinutes'>): AuditSettings {
  return {
    retentionDays: c.auditRetentionDays ?? AUDIT_DEFAULTS.retentionDays,
    pruneIntervalMinutes: c.auditPruneIntervalMinutes ?? AUDIT_DEFAULTS.pruneIntervalMinutes,
  };
}
