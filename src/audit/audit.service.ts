import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SchemaRegistry } from '@app/scim-core';
import { Clock } from '../common/clock';
import type { ScimCall } from '../common/scim-call';
import { Db, TransactionRunner } from '../database/transaction-runner';
import { SCHEMA_REGISTRY } from '../schemas/schema-registry.provider';
import { actionOfChange, actionOfFailure } from './audit-action';
import { appendEvent } from './audit-chain';
import { diffResources } from './audit-diff';
import { changeDraft, failureDraft } from './audit-event.builder';
import { attributedPrincipal, FailedRequest, failureTargetOf } from './audit-failure';
import { auditMembers } from './audit-members';
import type { AuditChange } from './audit.types';

export type { FailedRequest } from './audit-failure';

/** Tenant ids are UUIDs; anything longer in a Tenant URL is not worth a lookup. */
const MAX_TENANT_ID = 36;

/** Records audit events (see audit.types.ts and docs/audit.md). */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('AuditService');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry,
  ) {}

  /**
   * A successful change, inside the caller's transaction: if this throws, the change rolls back
   * with it (an unrecorded change is worse than a refused one).
   */
  async recordChange(db: Db, call: ScimCall, change: AuditChange): Promise<void> {
    const diff = diffResources(this.registry, change.resourceType, change.before, change.after);
    const action = actionOfChange(change, diff);
    const members = auditMembers(change.members);
    const now = this.clock.iso();
    const facts = { resourceType: change.resourceType, resourceId: change.resourceId, status: change.status, action, diff, members };
    await appendEvent(db, changeDraft(call, facts, now), now);
  }

  /**
   * A refused or failed mutating SCIM request (4xx/5xx), in its own transaction; never throws.
   * Called from the Fastify onSend hook for every POST/PUT/PATCH/DELETE under /scim/ whose status
   * is ≥ 400, so failures raised by guards, parsers and handlers are all recorded.
   */
  async recordFailure(request: FailedRequest, status: number, scimType?: string): Promise<void> {
    try {
      const target = failureTargetOf(request);
      const principal = attributedPrincipal(request, status, target);
      // Anonymous 429s are the auth limiter shedding a flood: recording each would turn the flood
      // into writes. Everything else refused is recorded.
      if (!principal && status === 429) return;
      const action = actionOfFailure(request.method, target.resourceType);
      await this.tx.write(async (db) => {
        const tenantId = principal?.tenantId ?? (await this.existingTenant(db, target.pathTenantId));
        if (!tenantId) return; // no tenant to attribute it to
        const now = this.clock.iso();
        await appendEvent(db, failureDraft(request, { tenantId, principal, target, action, status, scimType }, now), now);
      });
    } catch (err) {
      this.logger.error(`audit: could not record failed ${request.method} ${request.url.split('?')[0]} (${status}): ${(err as Error)?.message}`);
    }
  }

  private async existingTenant(db: Db, id: string | undefined): Promise<string | undefined> {
    if (!id || id.length > MAX_TENANT_ID) return undefined;
    const row = await db.one<{ id: string }>('SELECT id FROM tenant WHERE id = ?', [id]);
    return row?.id;
  }
}
