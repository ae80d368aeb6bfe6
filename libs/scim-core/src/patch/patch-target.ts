import { InvalidPathError } from '../errors/scim-error';
import type { AttrPath, Filter } from '../filter/ast';
import { formatAttrPath, printFilter } from '../filter/filter-printer';
import { parsePatchPath } from '../path/parse-patch-path';
import { findSubAttribute } from '../schema/attribute-lookup';
import type { AttributeDef, ResolvedAttribute } from '../schema/types';
import { isPoisonKey } from '../resource/own-properties';
import type { PatchContext } from './patch-types';

/** A PATCH path resolved against the schemas (RFC 7644 §3.5.2 "path"). */
export interface PatchTarget {
  /** The top-level attribute (`resolved.subAttribute` is never set; see `sub`). */
  resolved: ResolvedAttribute;
  /** Value filter on a multi-valued attribute: `emails[type eq "work"]`. */
  filter?: Filter;
  /** The sub-attribute: `name.givenName`, or `.value` after a filter. */
  sub?: AttributeDef;
  /** The path named an extension attribute without its URN (`manager`, Q6/Q9). */
  unqualifiedExtension: boolean;
  /** Some name in the path was not in canonical casing (`.Formatted`, Q5). */
  mixedCase: boolean;
}

/**
 * Parses and resolves a PATCH path. Unknown attributes, sub-attributes of simple attributes and
 * prototype keys (`__proto__`, `constructor`, `prototype`) → InvalidPathError; the lookups are
 * against the schema definitions only, so `toString` & co. are simply unknown.
 */
export function resolvePatchTarget(text: string, ctx: PatchContext): PatchTarget {
  const path = parsePatchPath(text);
  const attrPath = withKnownUrn(path.attrPath, ctx);
  const subName = attrPath.sub ?? path.subAttr;
  for (const name of [attrPath.attr, subName]) {
    if (name !== undefined && isPoisonKey(name)) throw new InvalidPathError(`"${name}" is not an attribute name`);
  }
  const top: AttrPath = attrPath.uri === undefined ? { attr: attrPath.attr } : { uri: attrPath.uri, attr: attrPath.attr };
  const resolved = ctx.registry.resolve(ctx.resourceType, top);
  if (!resolved) throw new InvalidPathError(`"${text}" does not name an attribute of ${ctx.resourceType} (RFC 7644 §3.5.2)`);
  const target: PatchTarget = {
    resolved,
    unqualifiedExtension: resolved.isExtension && attrPath.uri === undefined,
    mixedCase: resolved.attribute.name !== attrPath.attr,
  };
  if (path.valueFilter) target.filter = path.valueFilter;
  if (subName !== undefined) {
    const sub = findSubAttribute(resolved.attribute, subName);
    if (!sub) throw new InvalidPathError(`"${text}": "${subName}" is not a sub-attribute of "${resolved.attribute.name}"`);
    target.sub = sub;
    if (sub.name !== subName) target.mixedCase = true;
  }
  return target;
}

/**
 * The path parser splits the URN at the last ':' (it cannot know the schemas), so Entra's legacy
 * dot form `urn:…:enterprise:2.0:User.department` (entra-scim.md §4, "Extension attributes use dot")
 * arrives as uri `urn:…:2.0`, attr `User`, sub `department`. Re-split on the known URN.
 */
function withKnownUrn(attrPath: AttrPath, ctx: PatchContext): AttrPath {
  if (attrPath.uri === undefined || ctx.registry.schema(attrPath.uri)) return attrPath;
  const split = ctx.registry.splitUrnPath(formatAttrPath(attrPath));
  const [attr, sub, extra] = split.rest.split('.');
  if (split.uri === undefined || !attr || extra !== undefined) return attrPath;
  return sub === undefined ? { uri: split.uri, attr } : { uri: split.uri, attr, sub };
}

/** `urn:…:User:manager` or `emails`: the attribute part of a canonical path. */
export function attributePathText(target: PatchTarget): string {
  return target.resolved.canonicalPath;
}

/** The canonical path text: URN-qualified extension names, schema casing, printed filter. */
export function formatPatchTarget(target: PatchTarget): string {
  const filter = target.filter ? `[${printFilter(target.filter)}]` : '';
  const sub = target.sub ? `.${target.sub.name}` : '';
  return `${attributePathText(target)}${filter}${sub}`;
}
