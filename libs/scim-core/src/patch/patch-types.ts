import type { SchemaRegistry } from '../schema/schema-registry';
import type { JsonObject } from '../resource/own-properties';

/** The registry and the resource type ("User", "Group") a PATCH applies to. */
export interface PatchContext {
  registry: SchemaRegistry;
  resourceType: string;
}

/**
 * Entra request shapes that normalizeEntraPatch rewrote (entra-scim.md §4), for metrics and
 * audit. Ids start with the quirk number of entra-scim.md.
 */
export type EntraQuirk =
  | 'Q1-op-case'
  | 'Q2-string-boolean'
  | 'Q3-add-single-valued'
  | 'Q4-pathless-dotted-keys'
  | 'Q4-pathless-urn-keys'
  | 'Q5-filter-upsert'
  | 'Q5-mixed-case-subattr'
  | 'Q6-unqualified-extension-attr'
  | 'Q7-remove-members-by-value'
  | 'Q7-remove-by-value'
  | 'Q9-manager-form'
  | 'Q10-stringified-role-value'
  | 'Q12-empty-clears'
  | 'ADSCIM-group-schema'
  | 'enterprise-urn-typo';

/** A group member as stored: the member's SCIM id and its resource type (RFC 7643 §4.2). */
export interface Member {
  value: string;
  type?: 'User' | 'Group';
  display?: string;
}

/**
 * Membership changes of one PATCH, reduced to a minimal plan that the repository applies as row
 * inserts/deletes (DESIGN.md §5: a group may have 100k members, never loaded for a PATCH):
 * - `replace` set → the membership becomes exactly `replace` (add/remove empty, removeAll false);
 * - else `removeAll` → every member is removed (add/remove empty);
 * - else remove the `remove` ids, then insert `add` (the two are disjoint, add is idempotent).
 */
export interface MemberChanges {
  add: Member[];
  remove: string[];
  removeAll: boolean;
  replace?: Member[];
}

export interface PatchResult {
  /** The patched copy; the input resource is never modified. */
  resource: JsonObject;
  memberChanges: MemberChanges;
  /** False when the PATCH was a no-op (RFC 7644 §3.5.2.1: then meta.lastModified stays). */
  changed: boolean;
}
