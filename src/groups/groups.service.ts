import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  applyPatch, coerceResource, findOwnKey, isPlainObject, listResponse, Member, MemberChanges, NotFoundError, PatchOperation, projectResource,
  readMembers, SchemaRegistry, SearchRequest, wantsAttribute,
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
import { GroupMembersRepository, MemberRow } from './group-members.repository';
import { GroupRow, GroupsRepository } from './groups.repository';

type Resource = Record<string, unknown>;
const GROUP = 'Group' as const;
/** The same body for an id that never existed and another tenant's id: no existence oracle (issue 4 §7). */
const GROUP_NOT_FOUND = 'Group not found';

/** The `members` of a POST/PUT body (any key casing); coerceResource leaves members to us. */
function membersOf(body: unknown): Member[] {
  if (!isPlainObject(body)) return [];
  const key = findOwnKey(body, 'members');
  return key === undefined ? [] : readMembers((body as Record<string, unknown>)[key], "members");
}

export interface MembershipOutcome {
  added: number;
  removed: number;
  /** Member ids that are not users or groups of this tenant: refused, never stored. */
  skipped: string[];
  /** The ids this request named, for the audit trail. */
  members: { added: string[]; removed: string[]; removedAll: boolean; skipped: string[] };
}

/**
 * Groups (RFC 7644 §3.3–3.6). Members are rows, never part of the document. Policy for member ids
 * that do not exist in the tenant (unknown, deleted, or another tenant's): they are skipped and
 * reported, and the valid members of the same request are applied (entra-scim.md Q8: an
 * all-or-nothing 400 makes Entra lose the valid members too).
 */
@Injectable()
export class GroupsService {
  private readonly logger = new Logger('GroupsService');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: GroupsRepository,
    private readonly members: GroupMembersRepository,
    private readonly attributes: AttributeRowsWriter,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(call: ScimCall, body: unknown): Promise<Resource> {
    const { resource } = coerceResource(body, { registry: this.registry, resourceType: GROUP, mode: 'create' });
    const initial = membersOf(body);
    const now = this.clock.iso();
    const row = this.toRow(resource, { id: randomUUID(), tenantId: call.principal.tenantId, version: 1, createdAt: now, updatedAt: now });
    const members = await this.tx.write(async (db) => {
      await this.repo.insert(db, row);
      await this.index(db, row, resource);
      const outcome = await this.applyMembers(db, row, { add: initial, remove: [], removeAll: false }, now);
      await this.audit.recordChange(db, call, { kind: 'create', resourceType: GROUP, resourceId: row.id, status: 201, after: { id: row.id, ...resource }, members: outcome.members });
      return this.members.list(db, row.tenant_id, [row.id]);
    });
    return this.present(call, row, members);
  }

  async get(call: ScimCall, id: string, projection: Projection = {}): Promise<{ resource: Resource; version: number }> {
    const withMembers = this.wantsMembers(projection);
    const { row, members } = await this.tx.read(async (db) => {
      const r = await this.repo.findById(db, call.principal.tenantId, id);
      return { row: r, members: r && withMembers ? await this.members.list(db, r.tenant_id, [r.id]) : [] };
    });
    if (!row) throw new NotFoundError(GROUP_NOT_FOUND);
    return { resource: this.present(call, row, members, projection), version: row.version };
  }

  async list(call: ScimCall, q: SearchRequest) {
    const params = listParamsOf(q, this.config.maxResults);
    const projection = projectionOf(q);
    const withMembers = this.wantsMembers(projection);
    const tenantId = call.principal.tenantId;
    const { page, members } = await this.tx.read(async (db) => {
      const p = await listRows<GroupRow>(db, { table: 'scim_group', resourceType: GROUP }, tenantId, params, this.registry);
      return { page: p, members: withMembers ? await this.members.list(db, tenantId, p.rows.map((r) => r.id)) : [] };
    });
    const resources = page.rows.map((r) => this.present(call, r, members, projection));
    return listResponse(resources, {
      totalResults: page.total,
      startIndex: params.cursor === undefined ? params.startIndex : undefined,
      itemsPerPage: resources.length,
      nextCursor: page.nextCursor,
    });
  }

  async replace(call: ScimCall, id: string, body: unknown, ifMatch?: string): Promise<Resource> {
    const { resource } = coerceResource(body, { registry: this.registry, resourceType: GROUP, mode: 'replace' });
    const members = membersOf(body);
    return this.mutate(call, id, ifMatch, 'replace', () => ({ resource, changes: { add: [], remove: [], removeAll: false, replace: members } }), true);
  }

  async patch(call: ScimCall, id: string, operations: PatchOperation[], ifMatch?: string): Promise<MembershipOutcome> {
    let outcome: MembershipOutcome | undefined;
    await this.mutate(call, id, ifMatch, 'patch', (current) => {
      const result = applyPatch(current, operations, { registry: this.registry, resourceType: GROUP });
      const resource = result.changed
        ? coerceResource(result.resource, { registry: this.registry, resourceType: GROUP, mode: 'replace' }).resource
        : undefined;
      return { resource, changes: result.memberChanges };
    }, false, (o) => (outcome = o));
    return outcome!;
  }

  async delete(call: ScimCall, id: string, ifMatch?: string): Promise<void> {
    const existed = await this.tx.write(async (db) => {
      const row = await this.repo.findById(db, call.principal.tenantId, id, true);
      if (!row) return false;
      assertIfMatch(ifMatch, row.version);
      // Rows first, then the audit event: the chain-head lock is always taken last.
      const deleted = await this.repo.delete(db, call.principal.tenantId, id);
      await this.audit.recordChange(db, call, { kind: 'delete', resourceType: GROUP, resourceId: id, status: 204, before: { id, ...JSON.parse(row.doc) } });
      return deleted;
    });
    if (!existed) throw new NotFoundError(GROUP_NOT_FOUND);
  }

  /** Load (locked) → compute document and membership changes → save, in one transaction. */
  private async mutate(call: ScimCall, id: string, ifMatch: string | undefined, kind: AuditKind,
    next: (current: Resource) => { resource?: Resource; changes: MemberChanges }, returnMembers: boolean,
    onOutcome?: (o: MembershipOutcome) => void): Promise<Resource> {
    const tenantId = call.principal.tenantId;
    const { row, members } = await this.tx.write(async (db) => {
      const current = await this.repo.findById(db, tenantId, id, true);
      if (!current) throw new NotFoundError(GROUP_NOT_FOUND);
      assertIfMatch(ifMatch, current.version);
      const before = { id: current.id, ...JSON.parse(current.doc) } as Resource;
      const { resource, changes } = next(before);
      const now = this.clock.iso();
      const outcome = await this.applyMembers(db, current, changes, now);
      onOutcome?.(outcome);
      let saved = current;
      if (resource || outcome.added + outcome.removed > 0) {
        saved = this.toRow(resource ?? { ...JSON.parse(current.doc) }, { id, tenantId, version: current.version + 1, createdAt: current.created_at, updatedAt: now });
        await this.repo.update(db, saved);
        if (resource) await this.index(db, saved, resource);
      }
      await this.audit.recordChange(db, call, {
        kind, resourceType: GROUP, resourceId: id, status: kind === 'patch' ? 204 : 200, before, after: resource ?? before, members: outcome.members,
      });
      return { row: saved, members: returnMembers ? await this.members.list(db, tenantId, [id]) : [] };
    });
    return this.present(call, row, members);
  }

  /** Applies a membership plan as row inserts/deletes; ids outside the tenant are skipped. */
  private async applyMembers(db: Db, group: GroupRow, changes: MemberChanges, now: string): Promise<MembershipOutcome> {
    const tenantId = group.tenant_id;
    let removed = 0;
    if (changes.replace || changes.removeAll) removed += await this.members.removeAll(db, tenantId, group.id);
    else if (changes.remove.length) removed += await this.members.remove(db, tenantId, group.id, changes.remove);
    const toAdd: Member[] = changes.replace ?? changes.add;
    const removedAll = Boolean(changes.replace || changes.removeAll);
    const removedIds = removedAll ? [] : changes.remove;
    if (toAdd.length === 0) return { added: 0, removed, skipped: [], members: { added: [], removed: removedIds, removedAll, skipped: [] } };
    const known = await this.members.resolve(db, tenantId, toAdd.map((m) => m.value));
    const valid = toAdd.filter((m) => known.has(m.value) && m.value !== group.id).map((m) => ({ id: m.value, type: known.get(m.value)! }));
    const skipped = [...new Set(toAdd.filter((m) => !known.has(m.value) || m.value === group.id).map((m) => m.value))];
    if (skipped.length) this.logger.warn(`group ${group.id}: skipped ${skipped.length} member id(s) not in the tenant`);
    const added = await this.members.add(db, tenantId, group.id, valid, now);
    return { added, removed, skipped, members: { added: valid.map((v) => v.id), removed: removedIds, removedAll, skipped } };
  }

  private wantsMembers(projection: Projection): boolean {
    return wantsAttribute(projection, 'members', { registry: this.registry, resourceType: GROUP });
  }

  private index(db: Db, row: GroupRow, resource: Resource): Promise<void> {
    const rows = flattenResource(resource, { registry: this.registry, resourceType: GROUP });
    return this.attributes.replace(db, { tenantId: row.tenant_id, resourceType: GROUP, resourceId: row.id }, rows);
  }

  private toRow(r: Resource, m: { id: string; tenantId: string; version: number; createdAt: string; updatedAt: string }): GroupRow {
    const displayName = String(r.displayName);
    const externalId = typeof r.externalId === 'string' ? r.externalId : null;
    assertColumnValue('displayName', displayName);
    assertColumnValue('externalId', externalId);
    return {
      id: m.id, tenant_id: m.tenantId, display_name: displayName, display_name_ci: normalizedKey(displayName),
      external_id: externalId,
      version: m.version, created_at: m.createdAt, updated_at: m.updatedAt, doc: toDoc(r),
    };
  }

  private present(call: ScimCall, row: GroupRow, members: MemberRow[], projection: Projection = {}): Resource {
    const own = members.filter((m) => m.group_id === row.id).map((m) => ({
      value: m.member_id, $ref: `${call.base}/${m.member_type === 'Group' ? 'Groups' : 'Users'}/${m.member_id}`,
      ...(m.display === null || m.display === undefined ? {} : { display: m.display }), type: m.member_type,
    }));
    const extra = this.wantsMembers(projection) ? { members: own } : {};
    const resource = toScimResource(row, GROUP, `${call.base}/Groups/${row.id}`, this.registry, extra);
    return projectResource(resource, projection, { registry: this.registry, resourceType: GROUP });
  }
}
