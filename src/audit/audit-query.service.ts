import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import type { AuditEventRow } from './audit-chain';
import { decodeCursor, encodeCursor } from './audit-cursor';
import { toEventView } from './audit-event.view';
import { AuditEventsRepository, EventFilter } from './audit-events.repository';
import type { AuditEventPage, AuditHistoryPage, AuditSummaryView } from './audit-responses.view';
import type { AuditEventsQueryDto, AuditPageQueryDto, AuditTimeRangeDto } from './dto/audit-query.dto';

const DEFAULT_LIMIT = 100;
/** Rows per database round trip of an export: bounded memory whatever the range. */
export const EXPORT_BATCH = 500;

/** Stored times are `toISOString()` text; bounds are normalised the same way to compare as text. */
function iso(t: string | undefined): string | undefined {
  return t === undefined ? undefined : new Date(t).toISOString();
}

function rangeOf(q: AuditTimeRangeDto): EventFilter {
  return { from: iso(q.from), to: iso(q.to) };
}

function pageOf(rows: AuditEventRow[], limit: number): AuditEventPage {
  const items = rows.slice(0, limit).map(toEventView);
  return rows.length > limit ? { items, nextCursor: encodeCursor(items[items.length - 1].seq) } : { items };
}

/** Reads of the audit trail for one tenant (the caller's, from its credential). */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: AuditEventsRepository,
  ) {}

  /** Newest first, filtered, cursor-paginated. */
  async list(tenantId: string, q: AuditEventsQueryDto): Promise<AuditEventPage> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const before = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    const filter: EventFilter = {
      ...rangeOf(q), resourceId: q.resourceId, resourceType: q.resourceType, action: q.action, actorId: q.actorId, outcome: q.outcome,
    };
    const rows = await this.tx.read((db) => this.repo.listNewestFirst(db, tenantId, filter, before, limit + 1));
    return pageOf(rows, limit);
  }

  /** One resource's events, oldest first, each with its diff. */
  async history(tenantId: string, type: string, resourceId: string, q: AuditPageQueryDto): Promise<AuditHistoryPage> {
    const resourceType = type.toLowerCase().startsWith('user') ? 'User' : 'Group';
    const limit = q.limit ?? DEFAULT_LIMIT;
    const after = q.cursor === undefined ? 0 : decodeCursor(q.cursor);
    const rows = await this.tx.read((db) => this.repo.listOldestFirst(db, tenantId, { resourceType, resourceId }, after, limit + 1));
    return { resourceType, resourceId, ...pageOf(rows, limit) };
  }

  /**
   * NDJSON, oldest first, fetched in batches as the client reads (back-pressure through the
   * stream). The export stops at the head seen when it started, so a long download is a stable
   * snapshot while writes continue; each batch is its own short read.
   */
  export(tenantId: string, q: AuditTimeRangeDto): Readable {
    const { tx, repo } = this;
    const filter = rangeOf(q);
    async function* lines(): AsyncGenerator<string> {
      const head = await tx.read((db) => repo.head(db, tenantId));
      if (!head) return;
      let after = 0;
      for (;;) {
        const rows = await tx.read((db) => repo.listOldestFirst(db, tenantId, filter, after, EXPORT_BATCH, head.seq));
        if (rows.length) yield rows.map((r) => `${JSON.stringify(toEventView(r))}\n`).join('');
        if (rows.length < EXPORT_BATCH) return;
        after = Number(rows[rows.length - 1].seq);
      }
    }
    return Readable.from(lines());
  }

  /** Counts by action and outcome for a period: our side of Entra's provisioning log. */
  async summary(tenantId: string, q: AuditTimeRangeDto): Promise<AuditSummaryView> {
    const range = rangeOf(q);
    const counts = await this.tx.read((db) => this.repo.summary(db, tenantId, range));
    const byAction = new Map<string, { action: string; success: number; failure: number }>();
    const totals = { success: 0, failure: 0 };
    for (const c of counts) {
      const entry = byAction.get(c.action) ?? { action: c.action, success: 0, failure: 0 };
      const outcome = c.outcome === 'success' ? 'success' : 'failure';
      entry[outcome] += Number(c.count);
      totals[outcome] += Number(c.count);
      byAction.set(c.action, entry);
    }
    return { from: range.from ?? null, to: range.to ?? null, total: totals.success + totals.failure, ...totals, actions: [...byAction.values()] };
  }
}
