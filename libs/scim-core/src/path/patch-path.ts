import type { AttrPath, Filter } from '../filter/ast';

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath`, or `valuePath [ "." subAttr ]`, e.g.
 * `emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:manager`, `members[value eq "x"]`.
 */
export interface PatchPath {
  /** The attribute, with its optional URN prefix and (when there is no value filter) sub-attribute. */
  attrPath: AttrPath;
  /** The value filter selecting elements of a multi-valued attribute. */
  valueFilter?: Filter;
  /** The sub-attribute after a value filter (`.value` in `emails[type eq "work"].value`). */
  subAttr?: string;
}
