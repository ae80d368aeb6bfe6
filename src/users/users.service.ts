import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  applyPatch, coerceResource, listResponse, NotFoundError, PatchOperation, projectResource, SchemaRegistry, SearchRequest,
} from '@app/scim-core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { assertIfMatch } from '../common/etag';
import { assertColumnValue, normalizedKey, toDoc, toScimResource } from '../common/resource-doc';
import { ScimCall } from '../common/scim-call';
import { listParamsOf, Projection, projectionOf } from '../common/search-params';
import { flattenResource } from '../database/attribute-index/flatten-resource';
import { AttributeRowsWriter } from '../database/attribute-rows.writer';
import { listRows } from '../database/resource-list.query';
import { Db, TransactionRunner } from '../database/transaction-runner';
import { SCHEMA_REGISTRY } from '../schemas/schema-registry.provider';
import { AuditService } from '../audit/audit.service';
import { AuditKind } from '../audit/audit.types';
import { USER_COLUMNS, UserRow, UsersRepository } from './users.repository';

type Resource = Record<string, unknown>;
const USER = 'User' as const;
/** The same body for an id that never existed and another tenant's id: no existence oracle (issue 4 §7). */
const USER_NOT_FOUND = 'User not found';

/**
 * Users (RFC 7644 §3.3–3.6). Each write is one transaction: row, attribute index and membership
 * changes commit together or not at all.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: UsersRepository,
    private readonly attributes: AttributeRowsWriter,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(call: ScimCall, body: unknown): Promise<Resource> {
    const { resource } = coerceResource(body, { registry: this.registry, resourceType: USER, mode: 'create' });
    if (resource.active === undefined) resource.active = true; // an IdP creates users enabled unless it says otherwise
    const now = this.clock.iso();
    const row = this.toRow(resource, { id: randomUUID(), tenantId: call.principal.tenantId, version: 1, createdAt: now, updatedAt: now });
    await this.tx.write(async (db) => {
      await this.repo.insert(db, row);
      await this.index(db, row, resource);
      await this.audit.recordChange(db, call, { kind: 'create', resourceType: USER, resourceId: row.id, status: 201, after: { id: row.id, ...resource } });
    });
    return this.present(call, row, []);
  }

  async get(call: ScimCall, id: string, projection: Projection = {}): Promise<{ resource: Resource; version: number }> {
    const { row, groups } = await this.tx.read(async (db) => {
      const r = await this.repo.findById(db, call.principal.tenantId, id);
      return { row: r, groups: r ? await this.repo.groupsOf(db, call.principal.tenantId, [r.id]) : [] };
    });
    if (!row) throw new NotFoundError(USER_NOT_FOUND);
    return { resource: this.present(call, row, groups, projection), version: row.version };
  }

  async list(call: ScimCall, q: SearchRequest) {
    const params = listParamsOf(q, this.config.maxResults);
    const projection = projectionOf(q);
    const tenantId = call.principal.tenantId;
    const { page, groups } = await this.tx.read(async (db) => {
      const p = await listRows<UserRow>(db, { table: 'scim_user', resourceType: USER, columns: USER_COLUMNS }, tenantId, params, this.registry);
      return { page: p, groups: await this.repo.groupsOf(db, tenantId, p.rows.map((r) => r.id)) };
    });
    const resources = page.rows.map((r) => this.present(call, r, groups, projection));
    return listResponse(resources, {
      totalResults: page.total,
      startIndex: params.cursor === undefined ? params.startIndex : undefined,
      itemsPerPage: resources.length,
      nextCursor: page.nextCursor,
    });
  }

  async replace(call: ScimCall, id: string, body: unknown, ifMatch?: string): Promise<Resource> {
    const { resource } = coerceResource(body, { registry: this.registry, resourceType: USER, mode: 'replace' });
    if (resource.active === undefined) resource.active = true;
    return this.mutate(call, id, ifMatch, 'replace', () => resource);
  }

  async patch(call: ScimCall, id: string, operations: PatchOperation[], ifMatch?: string): Promise<Resource> {
    return this.mutate(call, id, ifMatch, 'patch', (current) => {
      const result = applyPatch(current, operations, { registry: this.registry, resourceType: USER });
      if (!result.changed) return undefined;
      return coerceResource(result.resource, { registry: this.registry, resourceType: USER, mode: 'replace' }).resource;
    });
  }

  async delete(call: ScimCall, id: string, ifMatch?: string): Promise<void> {
    const existed = await this.tx.write(async (db) => {
      await this.repo.lockGroupsOf(db, call.principal.tenantId, id);
      const row = await this.repo.findById(db, call.principal.tenantId, id, true);
      if (!row) return false;
      assertIfMatch(ifMatch, row.version);
      // Rows first, then the audit event: the chain-head lock is always taken last (no deadlock
      // with a concurrent membership PATCH that holds member rows).
      const deleted = await this.repo.delete(db, call.principal.tenantId, id, this.clock.iso());
      await this.audit.recordChange(db, call, { kind: 'delete', resourceType: USER, resourceId: id, status: 204, before: { id, ...JSON.parse(row.doc) } });
      return deleted;
    });
    if (!existed) throw new NotFoundError(USER_NOT_FOUND);
  }

  /** Load → compute the new resource (undefined = unchanged) → save, in one transaction. */
  private async mutate(call: ScimCall, id: string, ifMatch: string | undefined, kind: AuditKind, next: (current: Resource) => Resource | undefined) {
    const tenantId = call.principal.tenantId;
    const { row, groups } = await this.tx.write(async (db) => {
      const current = await this.repo.findById(db, tenantId, id, true);
      if (!current) throw new NotFoundError(USER_NOT_FOUND);
      assertIfMatch(ifMatch, current.version);
      const doc = { id: current.id, ...JSON.parse(current.doc) } as Resource;
      const updated = next(doc);
      let saved = current;
      if (updated) {
        saved = this.toRow(updated, { id, tenantId, version: current.version + 1, createdAt: current.created_at, updatedAt: this.clock.iso() });
        await this.repo.update(db, saved);
        await this.index(db, saved, updated);
      }
      const groups = await this.repo.groupsOf(db, tenantId, [id]);
      // The audit append is the transaction's last statement: on PostgreSQL it takes the tenant's
      // chain-head lock, which is then held only until the COMMIT.
      await this.audit.recordChange(db, call, { kind, resourceType: USER, resourceId: id, status: 200, before: doc, after: updated ?? doc });
      return { row: saved, groups };
    });
    return this.present(call, row, groups);
  }

  private index(db: Db, row: UserRow, resource: Resource): Promise<void> {
    const rows = flattenResource(resource, { registry: this.registry, resourceType: USER });
    return this.attributes.replace(db, { tenantId: row.tenant_id, resourceType: USER, resourceId: row.id }, rows);
  }

  private toRow(r: Resource, m: { id: string; tenantId: string; version: number; createdAt: string; updatedAt: string }): UserRow {
    const userName = String(r.userName);
    const externalId = typeof r.externalId === 'string' ? r.externalId : null;
    assertColumnValue('userName', userName);
    assertColumnValue('externalId', externalId);
    return {
      id: m.id, tenant_id: m.tenantId, user_name: userName, user_name_ci: normalizedKey(userName),
      external_id: externalId, active: r.active === false ? 0 : 1,
      version: m.version, created_at: m.createdAt, updated_at: m.updatedAt, doc: toDoc(r),
    };
  }

  /** The response representation, with the `returned` rules and any attributes= projection applied. */
  private present(call: ScimCall, row: UserRow, memberships: Array<{ member_id: string; group_id: string; display_name: string }>,
    projection: Projection = {}): Resource {
    const groups = memberships.filter((g) => g.member_id === row.id)
      .map((g) => ({ value: g.group_id, $ref: `${call.base}/Groups/${g.group_id}`, display: g.display_name, type: 'direct' }));
    const resource = toScimResource(row, USER, `${call.base}/Users/${row.id}`, this.registry, groups.length ? { groups } : {});
    return projectResource(resource, projection, { registry: this.registry, resourceType: USER });
  }
}
