import { InvalidFilterError, type AttributeDef, type BoundPath } from '@app/scim-core';
import { LOWER, NFC_LOWER } from './operand';
import type { ScalarTarget } from './scalar-target';

/**
 * Where the attributes kept in dedicated columns live (DESIGN.md §5). Everything else is in the
 * attribute index (scim_attribute_value); `groups` (User) and `members` (Group) are membership
 * rows (membership-predicates.ts).
 */
export type DedicatedTarget =
  | { kind: 'scalar'; target: ScalarTarget }
  /** A complex attribute that is always present and has no `value` (meta): only `pr` reaches it. */
  | { kind: 'alwaysPresent' }
  | { kind: 'membership' };

type ColumnBuilder = (alias: string, leaf: AttributeDef) => ScalarTarget;

const textColumn = (str: string, ci = str, fold = LOWER) =>
  (alias: string, leaf: AttributeDef): ScalarTarget => ({
    leaf, exprs: { str: `${alias}.${str}`, ci: `${alias}.${ci}`, num: `${alias}.${str}` }, fold, dateTimeForm: 'isoText',
  });

/** externalId: NULL when absent; a stored '' compares (like the evaluator) but is not `pr`. */
const nullableText = (column: string): ColumnBuilder => (alias, leaf) => ({
  ...textColumn(column)(alias, leaf),
  notNull: `${alias}.${column} IS NOT NULL`,
  present: `${alias}.${column} IS NOT NULL AND ${alias}.${column} <> ''`,
});

const constant = (value: string): ColumnBuilder => (_alias, leaf) => ({
  leaf, exprs: { str: '', ci: '', num: '' }, fold: LOWER, dateTimeForm: 'isoText', constant: value,
});

/** ETag form of meta.version (mapper: W/"<version>"), built in SQL from the integer column. */
const version: ColumnBuilder = (alias, leaf) => {
  const expr = `('W/"' || CAST(${alias}.version AS TEXT) || '"')`;
  return { leaf, exprs: { str: expr, ci: expr, num: expr }, fold: LOWER, dateTimeForm: 'isoText' };
};

const META: Record<string, (resourceType: string) => ColumnBuilder> = {
  created: () => textColumn('created_at'),
  lastmodified: () => textColumn('updated_at'),
  resourcetype: (resourceType) => constant(resourceType),
  version: () => version,
};

const USER_COLUMNS: Record<string, ColumnBuilder> = {
  id: textColumn('id'),
  username: textColumn('user_name', 'user_name_ci', NFC_LOWER),
  externalid: nullableText('external_id'),
  active: (alias, leaf) => ({ leaf, exprs: { str: '', ci: '', num: `${alias}.active` }, fold: LOWER, dateTimeForm: 'isoText' }),
};

const GROUP_COLUMNS: Record<string, ColumnBuilder> = {
  id: textColumn('id'),
  displayname: textColumn('display_name', 'display_name_ci', NFC_LOWER),
  externalid: nullableText('external_id'),
};

/**
 * The dedicated storage of a core attribute path, or undefined when it lives in the attribute
 * index. meta.location (and $ref sub-attributes, see membership-predicates.ts) are computed from
 * the request's base URL when rendering and cannot be filtered: InvalidFilterError.
 */
export function dedicatedTarget(path: BoundPath, resourceType: 'User' | 'Group', alias: string): DedicatedTarget | undefined {
  if (path.extensionUri !== undefined) return undefined;
  const name = path.attribute.name.toLowerCase();
  if (name === (resourceType === 'User' ? 'groups' : 'members')) return { kind: 'membership' };
  if (name === 'meta') return metaTarget(path, resourceType, alias);
  const builder = (resourceType === 'User' ? USER_COLUMNS : GROUP_COLUMNS)[name];
  return builder ? { kind: 'scalar', target: builder(alias, path.leaf) } : undefined;
}

function metaTarget(path: BoundPath, resourceType: string, alias: string): DedicatedTarget {
  if (!path.subAttribute) return { kind: 'alwaysPresent' };
  const builder = META[path.subAttribute.name.toLowerCase()];
  if (!builder) throw new InvalidFilterError(`Filtering on 'meta.${path.subAttribute.name}' is not supported`);
  return { kind: 'scalar', target: builder(resourceType)(alias, path.leaf) };
}
