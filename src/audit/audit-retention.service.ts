import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { lockChainHead } from './audit-chain';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditSettings, resolveAuditSettings } from './audit-settings';

/** Events deleted per transaction: the head lock (which blocks the tenant's writers) stays short. */
export const PRUNE_BATCH = 1000;

export interface PruneReport {
  tenantId: string;
  pruned: number;
}

/**
 * Retention (AUDIT_RETENTION_DAYS): deletes a tenant's oldest events, always a prefix of the
 * chain, and moves the chain's anchor to the last deleted event in the same transaction, so what
 * remains still verifies (audit-verifier.service.ts starts from the anchor). Runs on an interval
 * in every replica (the head-row lock makes concurrent runs safe) and from `audit:prune`.
 */
@Injectable()
export class AuditRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditRetention');
  private readonly settings: AuditSettings;
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: AuditEventsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = resolveAuditSettings(config);
  }

  /** The first run waits one interval: at bootstrap the migrations may not have run yet. */
  onApplicationBootstrap(): void {
    const { retentionDays, pruneIntervalMinutes } = this.settings;
    if (retentionDays <= 0 || pruneIntervalMinutes <= 0) return;
    this.timer = setInterval(() => void this.runScheduled(), pruneIntervalMinutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get retentionDays(): number {
    return this.settings.retentionDays;
  }

  /** Prunes every tenant (or one) by the configured retention; nothing when it is 0 (keep forever). */
  async prune(tenantId?: string): Promise<PruneReport[]> {
    if (this.settings.retentionDays <= 0) return [];
    const cutoff = new Date(this.clock.now().getTime() - this.settings.retentionDays * 86_400_000).toISOString();
    const tenants = tenantId ? [tenantId] : await this.tx.read((db) => this.repo.tenantsWithTrail(db));
    const reports: PruneReport[] = [];
    for (const t of tenants) reports.push({ tenantId: t, pruned: await this.pruneTenant(t, cutoff) });
    return reports;
  }

  /** Deletes the tenant's events older than `cutoff`, oldest first, stopping at the first newer one. */
  async pruneTenant(tenantId: string, cutoff: string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tx.write(async (db) => {
        const now = this.clock.iso();
        const head = await lockChainHead(db, tenantId, now);
        const oldest = await this.repo.oldest(db, tenantId, Number(head.anchor_seq), PRUNE_BATCH);
        const expired = oldest.findIndex((e) => e.occurred_at >= cutoff);
        const last = oldest[(expired === -1 ? oldest.length : expired) - 1];
        return last ? this.repo.pruneThrough(db, tenantId, Number(last.seq), last.hash, now) : 0;
      });
      total += n;
      if (n < PRUNE_BATCH) return total;
    }
  }

  private async runScheduled(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const pruned = (await this.prune()).reduce((sum, r) => sum + r.pruned, 0);
      if (pruned > 0) this.logger.log(`pruned ${pruned} audit event(s) older than ${this.settings.retentionDays} days`);
    } catch (err) {
      this.logger.error(`audit pruning failed: ${(err as Error)?.message}`);
    } finally {
      this.running = false;
    }
  }
}
