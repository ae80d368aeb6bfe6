import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  applyPatch, coerceResource, findOwnKey, isPlainObject, Member, MemberChanges, NotFoundError, PatchOperation,
  readMembers, SchemaRegistry, SearchRequest,
} from '@app/scim-core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { assertIfMatch, notModified } from '../common/etag';
import { assertColumnValue, normalizedKey, toDoc } from '../common/resource-doc';
import { ScimCall } from '../common/scim-call';
import { listParamsOf, Projection, projectionOf } from '../common/search-params';
import { flattenResource } from '../database/attribute-index/flatten-resource';
import { AttributeRowsWriter } from '../database/attribute-rows.writer';
import { listRows } from '../database/resource-list.query';
import { Db, TransactionRunner } from '../database/transaction-runner';
import { SCHEMA_REGISTRY } from '../schemas/schema-registry.provider';
import { AuditService } from '../audit/audit.service';
import { AuditKind } from '../audit/audit.types';
import { ChunkedJson } from './chunked-json';
import { GroupJsonRenderer, MemberListWriter } from './group-json.renderer';
import { GroupMembersRepository, MemberRow } from './group-members.repository';
import { GROUP_COLUMNS, GroupRow, GroupsRepository } from './groups.repository';

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

/** A group response body with what its headers need (Location, ETag). */
export interface RenderedGroup {
  body: ChunkedJson;
  location: string;
  version: number;
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

  async create(call: ScimCall, body: unknown): Promise<RenderedGroup> {
    const { resource } = coerceResource(body, { registry: this.registry, resourceType: GROUP, mode: 'create' });
    const initial = membersOf(body);
    const now = this.clock.iso();
    const row = this.toRow(resource, { id: randomUUID(), tenantId: call.principal.tenantId, version: 1, createdAt: now, updatedAt: now });
    const members = await this.tx.write(async (db) => {
      await this.repo.insert(db, row);
      await this.index(db, row, resource);
      const outcome = await this.applyMembers(db, row, { add: initial, remove: [], removeAll: false }, now);
      const stored = await this.members.list(db, row.tenant_id, [row.id]);
      // The audit append is the transaction's last statement: on PostgreSQL it takes the tenant's
      // chain-head lock, which is then held only until the COMMIT.
      await this.audit.recordChange(db, call, { kind: 'create', resourceType: GROUP, resourceId: row.id, status: 201, after: { id: row.id, ...resource }, members: outcome.members });
      return stored;
    });
    return this.rendered(call, row, members);
  }

  /**
   * The group as JSON, or no body when `ifNoneMatch` names its current version (→ 304; the
   * members are then not read). With members, the row and the members come from one snapshot.
   */
  async get(call: ScimCall, id: string, projection: Projection = {}, ifNoneMatch?: string): Promise<{ version: number; body?: ChunkedJson }> {
    const render = this.renderer(call, projection);
    const { row, members } = await this.read(render, async (db) => {
      const r = await this.repo.findById(db, call.principal.tenantId, id);
      if (!r || notModified(ifNoneMatch, r.version)) return { row: r, members: undefined };
      return { row: r, members: await this.readMembers(db, render, r.tenant_id, [r]) };
    });
    if (!row) throw new NotFoundError(GROUP_NOT_FOUND);
    // No members read: the client's copy is current.
    if (!members) return { version: row.version };
    return { version: row.version, body: render.group(row, members.get(row.id)) };
  }

  async list(call: ScimCall, q: SearchRequest): Promise<ChunkedJson> {
    const params = listParamsOf(q, this.config.maxResults);
    const render = this.renderer(call, projectionOf(q));
    const tenantId = call.principal.tenantId;
    const { page, members } = await this.read(render, async (db) => {
      const p = await listRows<GroupRow>(db, { table: 'scim_group', resourceType: GROUP, columns: GROUP_COLUMNS }, tenantId, params, this.registry);
      return { page: p, members: await this.readMembers(db, render, tenantId, p.rows) };
    });
    return render.list(page.rows, members, {
      totalResults: page.total,
      startIndex: params.cursor === undefined ? params.startIndex : undefined,
      nextCursor: page.nextCursor,
    });
  }

  async replace(call: ScimCall, id: string, body: unknown, ifMatch?: string): Promise<RenderedGroup> {
    const { resource } = coerceResource(body, { registry: this.registry, resourceType: GROUP, mode: 'replace' });
    const members = membersOf(body);
    const saved = await this.mutate(call, id, ifMatch, 'replace', () => ({ resource, changes: { add: [], remove: [], removeAll: false, replace: members } }), true);
    return this.rendered(call, saved.row, saved.members);
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
    onOutcome?: (o: MembershipOutcome) => void): Promise<{ row: GroupRow; members: MemberRow[] }> {
    const tenantId = call.principal.tenantId;
    return this.tx.write(async (db) => {
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
      // PUT answers with the members as stored now (at most what one 1 MiB body can name), read
      // before the audit append, which stays the last statement (see create).
      const members = returnMembers ? await this.members.list(db, tenantId, [id]) : [];
      await this.audit.recordChange(db, call, {
        kind, resourceType: GROUP, resourceId: id, status: kind === 'patch' ? 204 : 200, before, after: resource ?? before, members: outcome.members,
      });
      return { row: saved, members };
    });
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

  private renderer(call: ScimCall, projection: Projection): GroupJsonRenderer {
    return new GroupJsonRenderer(this.registry, call.base, projection);
  }

  /** Reads with members in one snapshot (TransactionRunner.snapshot); without them, as every other read. */
  private read<T>(render: GroupJsonRenderer, fn: (db: Db) => Promise<T>): Promise<T> {
    return render.wantsMembers ? this.tx.snapshot(fn) : this.tx.read(fn);
  }

  /**
   * The members of these groups rendered as they are read (nothing when the projection returns
   * none): the rows are dropped as soon as each is written, see GroupMembersRepository.forEach.
   */
  private async readMembers(db: Db, render: GroupJsonRenderer, tenantId: string, groups: GroupRow[]): Promise<Map<string, MemberListWriter>> {
    const byGroup = new Map<string, MemberListWriter>();
    if (!render.wantsMembers || groups.length === 0) return byGroup;
    for (const g of groups) byGroup.set(g.id, render.members()!);
    await this.members.forEach(db, tenantId, groups.map((g) => g.id), (m) => byGroup.get(m.group_id)?.add(m), render.wantsDisplay);
    return byGroup;
  }

  /** The POST/PUT response: the whole group (no projection) with the members just read. */
  private rendered(call: ScimCall, row: GroupRow, members: MemberRow[]): RenderedGroup {
    const render = this.renderer(call, {});
    const writer = render.members()!;
    for (const m of members) writer.add(m);
    return { body: render.group(row, writer), location: `${call.base}/Groups/${row.id}`, version: row.version };
  }
}
