import type { AttrPath } from './ast';

/** RFC 7643 §2.1 ATTRNAME, plus "$ref" (§2.3.7 / §8.7.1 use it as a sub-attribute name). */
export const ATTRNAME_PATTERN = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/i;

/**
 * Splits `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 §3.10, §3.4.2.2 attrPath). The URN prefix
 * ends at the LAST ':' (`urn:…:enterprise:2.0:User:manager.value` → uri `urn:…:2.0:User`,
 * attr `manager`, sub `value`): dots inside the URN ("2.0") never split the attribute.
 * Returns the path, or a message saying what is wrong.
 */
export function splitAttrPath(text: string): AttrPath | string {
  const colon = text.lastIndexOf(':');
  const uri = colon >= 0 ? text.slice(0, colon) : undefined;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  if (uri !== undefined && !isUrn(uri)) return `'${uri}' is not a schema URN (expected urn:<nid>:<nss>)`;
  const parts = rest.split('.');
  if (parts.length > 2) return `'${rest}' has more than one sub-attribute (expected attr or attr.subAttr)`;
  for (const part of parts) {
    if (!ATTRNAME_PATTERN.test(part)) return `'${part}' is not a valid attribute name (RFC 7643 §2.1 ATTRNAME)`;
  }
  const path: AttrPath = { attr: parts[0] };
  if (uri !== undefined) path.uri = uri;
  if (parts.length === 2) path.sub = parts[1];
  return path;
}

function isUrn(text: string): boolean {
  const segments = text.split(':');
  return segments.length >= 3 && segments[0].toLowerCase() === 'urn' && segments.every((s) => s.length > 0);
}
