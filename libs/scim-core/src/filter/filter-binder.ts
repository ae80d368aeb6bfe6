import { InvalidFilterError, SensitiveError } from '../errors/scim-error';
import { findSubAttribute } from '../schema/attribute-lookup';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { AttributeDef } from '../schema/types';
import type { AttrPath, Filter } from './ast';
import { bindLiteral, type BoundLiteral, type BoundOperator } from './filter-literal';
import { formatAttrPath, formatLiteral } from './filter-printer';

/** What a filter is evaluated against: a resource type of a registry. */
export interface FilterContext {
  registry: SchemaRegistry;
  resourceType: string;
}

/** An attribute path resolved for reading values (see filter-evaluator.ts for the semantics). */
export interface BoundPath {
  /** Set when the attribute lives in an extension: its values sit under resource[extensionUri]. */
  extensionUri?: string;
  /** The attribute read from the resource (or, inside a value filter, from the element). */
  attribute: AttributeDef;
  /** The sub-attribute read from each value of a complex attribute: named, or the implicit `value`. */
  subAttribute?: AttributeDef;
  /** The definition the literal is compared with (subAttribute ?? attribute). */
  leaf: AttributeDef;
  /** `name.givenName`, `<urn>:manager.value`; inside a value filter, the sub-attribute name. */
  canonicalPath: string;
}

/**
 * A filter checked against the schema, with `ne`, `eq null` and `ne null` rewritten away:
 * `a ne v` → not(a eq v), `a eq null` → not(a pr), `a ne null` → a pr. Binding throws every
 * error a filter can raise, whatever the data, so the evaluator and the SQL compiler share them.
 */
export type BoundFilter =
  | { kind: 'compare'; path: BoundPath; op: BoundOperator; value: BoundLiteral }
  | { kind: 'present'; path: BoundPath }
  | { kind: 'and' | 'or'; left: BoundFilter; right: BoundFilter }
  | { kind: 'not'; filter: BoundFilter }
  | { kind: 'valuePath'; path: BoundPath; filter: BoundFilter };

type PathUse = 'compare' | 'present' | 'valuePath';
type PathBinder = (path: AttrPath, use: PathUse) => BoundPath;

/** Binds a resource filter (RFC 7644 §3.4.2.2) to ctx's resource type. */
export function bindFilter(filter: Filter, ctx: FilterContext): BoundFilter {
  return bind(filter, (path, use) => bindResourcePath(path, use, ctx), true);
}

/** Binds a value filter (`type eq "work"`) whose paths are sub-attributes of `parent`. */
export function bindValueFilter(filter: Filter, parent: AttributeDef): BoundFilter {
  return bind(filter, (path) => bindElementPath(path, parent), false);
}

function bind(filter: Filter, bindPath: PathBinder, allowValuePath: boolean): BoundFilter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return { kind: filter.kind, left: bind(filter.left, bindPath, allowValuePath), right: bind(filter.right, bindPath, allowValuePath) };
    case 'not':
      return { kind: 'not', filter: bind(filter.filter, bindPath, allowValuePath) };
    case 'present':
      return { kind: 'present', path: bindPath(filter.path, 'present') };
    case 'valuePath': {
      if (!allowValuePath) throw new InvalidFilterError(`Nested value filter '${formatAttrPath(filter.path)}[…]' is not supported`);
      const path = bindPath(filter.path, 'valuePath');
      return { kind: 'valuePath', path, filter: bindValueFilter(filter.filter, path.attribute) };
    }
    case 'compare': {
      const path = bindPath(filter.path, filter.value === null ? 'present' : 'compare');
      if (filter.value === null) return bindNullComparison(filter.op, path, formatAttrPath(filter.path));
      const op: BoundOperator = filter.op === 'ne' ? 'eq' : filter.op;
      const compare: BoundFilter = { kind: 'compare', path, op, value: bindLiteral(path.leaf, op, filter.value, formatAttrPath(filter.path)) };
      return filter.op === 'ne' ? { kind: 'not', filter: compare } : compare;
    }
  }
}

function bindNullComparison(op: string, path: BoundPath, pathText: string): BoundFilter {
  if (op === 'eq') return { kind: 'not', filter: { kind: 'present', path } };
  if (op === 'ne') return { kind: 'present', path };
  throw new InvalidFilterError(`Invalid comparison '${pathText} ${op} ${formatLiteral(null)}': only eq and ne accept null`);
}

function bindResourcePath(path: AttrPath, use: PathUse, ctx: FilterContext): BoundPath {
  const text = formatAttrPath(path);
  const resolved = ctx.registry.resolve(ctx.resourceType, path);
  if (!resolved) throw new InvalidFilterError(`Unknown attribute '${text}' for resource type ${ctx.resourceType}`);
  guardSensitive(text, resolved.attribute, resolved.subAttribute);
  const base = resolved.isExtension ? { extensionUri: resolved.schemaId } : {};
  if (use === 'valuePath') {
    if (resolved.attribute.type !== 'complex' || resolved.subAttribute) {
      throw new InvalidFilterError(`'${text}[…]': a value filter applies to a complex attribute such as emails or members`);
    }
    return { ...base, attribute: resolved.attribute, leaf: resolved.attribute, canonicalPath: resolved.canonicalPath };
  }
  const sub = resolved.subAttribute ?? (use === 'compare' ? implicitValue(resolved.attribute, text) : undefined);
  const canonicalPath = sub && !resolved.subAttribute ? `${resolved.canonicalPath}.${sub.name}` : resolved.canonicalPath;
  return { ...base, attribute: resolved.attribute, ...(sub ? { subAttribute: sub } : {}), leaf: sub ?? resolved.attribute, canonicalPath };
}

/** Sub-attributes are never complex (RFC 7643 §2.3.8), so no implicit value and no nesting here. */
function bindElementPath(path: AttrPath, parent: AttributeDef): BoundPath {
  const text = formatAttrPath(path);
  if (path.uri !== undefined || path.sub !== undefined) {
    throw new InvalidFilterError(`'${text}': inside '${parent.name}[…]' name a sub-attribute of ${parent.name}`);
  }
  const sub = findSubAttribute(parent, path.attr);
  if (!sub) throw new InvalidFilterError(`Unknown sub-attribute '${path.attr}' of '${parent.name}'`);
  guardSensitive(`${parent.name}.${text}`, sub);
  return { attribute: sub, leaf: sub, canonicalPath: sub.name };
}

/** RFC 7644 §3.4.2.2: a complex attribute without sub-attribute compares its `value`. */
function implicitValue(attribute: AttributeDef, text: string): AttributeDef | undefined {
  if (attribute.type !== 'complex') return undefined;
  const value = findSubAttribute(attribute, 'value');
  if (!value) throw new InvalidFilterError(`'${text}' is complex and has no 'value': compare one of its sub-attributes (e.g. ${text}.${attribute.subAttributes?.[0]?.name})`);
  return value;
}

/** RFC 7644 §7.5.2 / reliability-plan.md §0.6: never filter on what is never returned (password). */
function guardSensitive(text: string, ...defs: (AttributeDef | undefined)[]): void {
  if (defs.some((d) => d?.returned === 'never')) {
    throw new SensitiveError(`Filtering on '${text}' is not allowed: the attribute is never returned`);
  }
}
