import { listResponse, ListPage, projectResource, SchemaRegistry } from '@app/scim-core';
import { toScimResource } from '../common/resource-doc';
import { Projection } from '../common/search-params';
import { ChunkedJson, ChunkedJsonWriter } from './chunked-json';
import type { MemberRow } from './group-members.repository';
import type { GroupRow } from './groups.repository';

type Resource = Record<string, unknown>;
const GROUP = 'Group' as const;

/** A member with every sub-attribute set: what survives projecting it is what the request returns. */
const PROBE_MEMBER = { value: 'v', $ref: 'r', display: 'd', type: 't' };

/** members' sub-attributes in the order the object rendering had them (RFC 7643 §4.2). */
interface MemberFields {
  value: boolean;
  ref: boolean;
  display: boolean;
  type: boolean;
}

/**
 * Renders Groups as JSON text, with `members` written straight from the membership rows: no
 * member objects, no projection walk over them, and the text goes into Buffers as it grows
 * (ChunkedJson), so a 50,000-member group is never one object tree or one ~9 MB string.
 *
 * The output is byte for byte what JSON.stringify(projectResource(resource with members)) gave:
 * the resource without its members is built and projected as before; the sub-attributes of
 * `members` a projection keeps are found by projecting one probe member (RFC 7644 §3.4.2.5
 * `attributes=members.value` …, all of them `returned: default`), and each row is rendered with
 * those, in the same key order; an element left empty is omitted and so is an empty `members`,
 * as projectResource does.
 */
export class GroupJsonRenderer {
  /** undefined: the projection returns no part of `members`, so the rows need not be read. */
  readonly memberFields?: MemberFields;

  constructor(
    private readonly registry: SchemaRegistry,
    /** SCIM base URL of the request (meta.location, members.$ref). */
    private readonly base: string,
    private readonly projection: Projection = {},
  ) {
    const probe = projectResource({ members: [PROBE_MEMBER] }, projection, { registry, resourceType: GROUP }).members as Resource[] | undefined;
    const kept = probe?.[0];
    if (kept) this.memberFields = { value: 'value' in kept, ref: '$ref' in kept, display: 'display' in kept, type: 'type' in kept };
  }

  get wantsMembers(): boolean {
    return this.memberFields !== undefined;
  }

  /** Whether members.display is returned (its lookup is most of what reading a large group costs). */
  get wantsDisplay(): boolean {
    return this.memberFields?.display ?? false;
  }

  /** A collector for one group's member rows (in their order); undefined when members are not returned. */
  members(): MemberListWriter | undefined {
    return this.memberFields ? new MemberListWriter(this.memberFields, this.base) : undefined;
  }

  /** One group resource (GET /Groups/{id}, POST and PUT responses). */
  group(row: GroupRow, members?: MemberListWriter): ChunkedJson {
    const out = new ChunkedJsonWriter();
    this.writeGroup(out, row, members);
    return out.finish();
  }

  /** A ListResponse page; `members` maps group id → that group's rendered members. */
  list(rows: GroupRow[], members: Map<string, MemberListWriter>, page: ListPage): ChunkedJson {
    const out = new ChunkedJsonWriter();
    const envelope = listResponse([], { ...page, itemsPerPage: page.itemsPerPage ?? rows.length }) as unknown as Resource;
    writeObject(out, envelope, (key) => (key !== 'Resources' ? undefined : () => {
      out.write('[');
      rows.forEach((row, i) => {
        if (i > 0) out.write(',');
        this.writeGroup(out, row, members.get(row.id));
      });
      out.write(']');
    }));
    return out.finish();
  }

  private writeGroup(out: ChunkedJsonWriter, row: GroupRow, members?: MemberListWriter): void {
    // A placeholder member marks where `members` goes among the projected keys (after the
    // document's attributes, before meta); the rows take its place.
    const extra = this.memberFields ? { members: [PROBE_MEMBER] } : {};
    const resource = toScimResource(row, GROUP, `${this.base}/Groups/${row.id}`, this.registry, extra);
    const projected = projectResource(resource, this.projection, { registry: this.registry, resourceType: GROUP });
    writeObject(out, projected, (key) => {
      if (key !== 'members') return undefined;
      // No member, or none left by the projection: no `members` key, as projectResource drops an empty array.
      if (!members || members.count === 0) return null;
      return () => {
        out.write('[');
        members.drainInto(out);
        out.write(']');
      };
    });
  }
}

/** How one key's value is written: undefined = JSON.stringify, null = key omitted, else by the function. */
type ValueWriter = (key: string) => ((out: ChunkedJsonWriter) => void) | null | undefined;

/** Writes `obj` exactly as JSON.stringify would, except the values `special` takes over. */
function writeObject(out: ChunkedJsonWriter, obj: Resource, special: ValueWriter): void {
  out.write('{');
  let first = true;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const custom = special(key);
    if (custom === null) continue;
    out.write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    if (custom) custom(out);
    else out.write(JSON.stringify(value));
    first = false;
  }
  out.write('}');
}

/**
 * The `members` array of one group, rendered row by row as its elements' JSON text (without the
 * brackets). Key order value, $ref, display, type as the member objects had; display is absent
 * when the member has none. JSON escaping is per character, so `$ref` is the escaped base URL
 * followed by the escaped id; all four sub-attributes (no projection) take one template per row.
 */
export class MemberListWriter {
  private readonly out = new ChunkedJsonWriter();
  /** `"<base>/Users/` and `"<base>/Groups/`, escaped, without the closing quote. */
  private readonly userRef: string;
  private readonly groupRef: string;
  private readonly all: boolean;
  count = 0;

  constructor(
    private readonly fields: MemberFields,
    base: string,
  ) {
    this.userRef = JSON.stringify(`${base}/Users/`).slice(0, -1);
    this.groupRef = JSON.stringify(`${base}/Groups/`).slice(0, -1);
    this.all = fields.value && fields.ref && fields.display && fields.type;
  }

  add(row: MemberRow): void {
    const id = JSON.stringify(row.member_id);
    const ref = (row.member_type === 'Group' ? this.groupRef : this.userRef) + id.slice(1);
    const display = row.display === null || row.display === undefined ? undefined : JSON.stringify(row.display);
    const type = JSON.stringify(row.member_type);
    const sep = this.count === 0 ? '' : ',';
    if (this.all) {
      this.out.write(`${sep}{"value":${id},"$ref":${ref}${display === undefined ? '' : `,"display":${display}`},"type":${type}}`);
      this.count++;
      return;
    }
    const f = this.fields;
    const parts: string[] = [];
    if (f.value) parts.push(`"value":${id}`);
    if (f.ref) parts.push(`"$ref":${ref}`);
    if (f.display && display !== undefined) parts.push(`"display":${display}`);
    if (f.type) parts.push(`"type":${type}`);
    // An element the projection leaves empty is dropped, as projectResource drops it.
    if (parts.length === 0) return;
    this.out.write(`${sep}{${parts.join(',')}}`);
    this.count++;
  }

  drainInto(out: ChunkedJsonWriter): void {
    out.append(this.out);
  }
}
