import { InvalidFilterError, InvalidPathError } from '../errors/scim-error';
import type { Filter } from '../filter/ast';
import { parseValueFilter } from '../filter/filter-parser';
import { checkPathText, guardNames, parseAttrPath } from './attr-path-parser';
import type { PatchPath } from './patch-path';

const SUB_ATTR = /^\.((?:\$ref|[A-Za-z][A-Za-z0-9_-]*))$/i;

/**
 * Parses a PATCH "path" (RFC 7644 §3.5.2): PATH = attrPath / valuePath [subAttr], e.g.
 * `name.familyName`, `urn:…:enterprise:2.0:User:manager`, `members[value eq "id"]`,
 * `emails[type eq "work"].value` (entra-scim.md Q5). The bracket is parsed by the filter parser
 * as a value filter (its paths are sub-attribute names). Any malformed path → InvalidPathError,
 * never another exception; `__proto__`/`constructor`/`prototype` → InvalidPathError.
 */
export function parsePatchPath(text: string): PatchPath {
  const source = checkPathText(text, 'PATCH path');
  const open = source.indexOf('[');
  if (open < 0) {
    if (source.includes(']')) throw new InvalidPathError(`Invalid PATCH path '${source}': ']' without '['`);
    return { attrPath: parseAttrPath(source, 'PATCH path') };
  }
  const close = source.lastIndexOf(']');
  if (close < open) throw new InvalidPathError(`Invalid PATCH path '${source}': expected ']' to close the '[' at position ${open}`);
  const attrPath = parseAttrPath(source.slice(0, open), 'PATCH path');
  if (attrPath.sub !== undefined) {
    throw new InvalidPathError(`Invalid PATCH path '${source}': a value filter follows the attribute, not its sub-attribute`);
  }
  const valueFilter = parseBracket(source.slice(open + 1, close), open + 1, source);
  const tail = source.slice(close + 1).trimEnd();
  if (tail === '') return { attrPath, valueFilter };
  const match = SUB_ATTR.exec(tail);
  if (!match) throw new InvalidPathError(`Invalid PATCH path '${source}': expected '.subAttribute' or nothing after ']', found '${tail}'`);
  guardNames(match[1]);
  return { attrPath, valueFilter, subAttr: match[1] };
}

function parseBracket(inner: string, offset: number, source: string): Filter {
  if (inner.trim() === '') throw new InvalidPathError(`Invalid PATCH path '${source}': the value filter in '[…]' is empty`);
  try {
    const filter = parseValueFilter(inner, { initialDepth: 1, offset });
    guardFilterNames(filter);
    return filter;
  } catch (error) {
    if (error instanceof InvalidFilterError) throw new InvalidPathError(`Invalid value filter in PATCH path: ${error.detail}`);
    throw error;
  }
}

/** Value-filter paths are sub-attribute names; they must not be prototype keys either. */
function guardFilterNames(filter: Filter): void {
  switch (filter.kind) {
    case 'and':
    case 'or':
      guardFilterNames(filter.left);
      guardFilterNames(filter.right);
      return;
    case 'not':
      guardFilterNames(filter.filter);
      return;
    default:
      guardNames(filter.path.attr, filter.path.sub);
  }
}
