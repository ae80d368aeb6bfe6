import { InvalidPathError } from '../errors/scim-error';
import type { AttrPath } from '../filter/ast';
import { checkPathText, parseAttrPath } from './attr-path-parser';

/**
 * `attributes=` / `excludedAttributes=` (RFC 7644 §3.4.2.5, §3.9): comma-separated attribute
 * paths, URN-qualified allowed, whitespace around names ignored, empty entries skipped
 * (`a,,b` and a trailing comma are tolerated). Malformed names → InvalidPathError.
 *
 * A bare schema URN (`urn:…:enterprise:2.0:User`) splits syntactically into uri
 * `urn:…:enterprise:2.0` and attr `User`; callers that support whole-extension selection can
 * recognise it with SchemaRegistry.splitUrnPath(formatAttrPath(path)).
 */
export function parseAttributeList(text: string): AttrPath[] {
  const source = checkPathText(text, 'attribute list');
  const paths: AttrPath[] = [];
  for (const item of source.split(',')) {
    if (item.trim() !== '') paths.push(parseAttrPath(item, 'attribute in the list'));
  }
  return paths;
}

/** `sortBy=` (RFC 7644 §3.4.2.3): exactly one attribute path. */
export function parseSortBy(text: string): AttrPath {
  const source = checkPathText(text, 'sortBy attribute');
  if (source.includes(',')) throw new InvalidPathError(`sortBy takes one attribute, got '${source}'`);
  return parseAttrPath(source, 'sortBy attribute');
}
