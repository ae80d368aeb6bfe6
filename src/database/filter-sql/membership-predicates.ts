import { InvalidFilterError, type AttributeDef, type BoundFilter, type BoundPath } from '@app/scim-core';
import type { SqlFragment } from '../sql-dialect';
import { ownsRows, type Scope } from './compile-context';
import { type LeafCompiler, mentions, walkFilter } from './filter-walk';
import { LOWER, NFC_LOWER } from './operand';
import { scalarCompare, scalarPresent, type ScalarTarget } from './scalar-target';
import { TRUE_SQL } from './sql-fragment';

/**
 * User.groups and Group.members come from scim_group_member rows, rendered by the mappers as
 * { value, display, type, $ref }. $ref is a URL built from the request's base URL and cannot be
 * filtered (InvalidFilterError). Resource ids are server-generated lower-case UUIDs, so the
 * caseExact=false `value` compares the id column with the lower-cased literal and stays indexed.
 */
interface Membership {
  /** FROM clause; `needsDisplay` adds the join that display needs. */
  from(m: string, needsDisplay: boolean): string;
  ownerColumn: 'member_id' | 'group_id';
  /** The scalar target of one sub-attribute of the element in row `m`. */
  sub(m: string, sub: AttributeDef): ScalarTarget;
}

const text = (leaf: AttributeDef, str: string, ci: string, fold = LOWER, guards: Partial<ScalarTarget> = {}): ScalarTarget => ({
  leaf, exprs: { str, ci, num: str }, fold, dateTimeForm: 'isoText', ...guards,
});

function noRef(owner: string, sub: AttributeDef): never {
  throw new InvalidFilterError(`Filtering on '${owner}.${sub.name}' is not supported: it is a URL computed when rendering`);
}

/** User.groups: direct memberships; display is the group's displayName, type is "direct". */
const USER_GROUPS: Membership = {
  ownerColumn: 'member_id',
  from: (m, needsDisplay) =>
    needsDisplay ? `scim_group_member ${m} JOIN scim_group ${m}g ON ${m}g.id = ${m}.group_id` : `scim_group_member ${m}`,
  sub(m, sub) {
    switch (sub.name.toLowerCase()) {
      case 'value': return text(sub, `${m}.group_id`, `${m}.group_id`);
      case 'display': return text(sub, `${m}g.display_name`, `${m}g.display_name_ci`, NFC_LOWER, { present: `${m}g.display_name <> ''` });
      case 'type': return { ...text(sub, '', ''), constant: 'direct' };
      default: return noRef('groups', sub);
    }
  },
};

/**
 * Group.members: display is the member user's displayName (its attribute-index row) or the
 * member group's displayName; absent when the user has none.
 */
const GROUP_MEMBERS: Membership = {
  ownerColumn: 'group_id',
  from: (m) => `scim_group_member ${m}`,
  sub(m, sub) {
    switch (sub.name.toLowerCase()) {
      case 'value': return text(sub, `${m}.member_id`, `${m}.member_id`);
      case 'type': return text(sub, `${m}.member_type`, `lower(${m}.member_type)`);
      case 'display': {
        const pick = (userCol: string, groupCol: string): string =>
          `(CASE WHEN ${m}.member_type = 'User' THEN (SELECT ${m}d.${userCol} FROM scim_attribute_value ${m}d ` +
          `WHERE ${m}d.resource_id = ${m}.member_id AND ${m}d.path = 'displayname' AND ${m}d.elem = 0) ` +
          `ELSE (SELECT ${m}h.${groupCol} FROM scim_group ${m}h WHERE ${m}h.id = ${m}.member_id) END)`;
        const ci = pick('value_ci', 'display_name_ci');
        return text(sub, pick('value_str', 'display_name'), ci, LOWER, { notNull: `${ci} IS NOT NULL`, present: `${ci} IS NOT NULL` });
      }
      default: return noRef('members', sub);
    }
  },
};

function membershipOf(scope: Scope): Membership {
  return scope.ctx.resourceType === 'User' ? USER_GROUPS : GROUP_MEMBERS;
}

function rows(scope: Scope, needsDisplay: boolean, where: (m: string) => SqlFragment): SqlFragment {
  const membership = membershipOf(scope);
  const m = scope.nextAlias('m');
  return ownsRows(scope, { from: membership.from(m, needsDisplay), rowAlias: m, ownerColumn: membership.ownerColumn, where: where(m) });
}

/** `groups.display eq "x"`, `members eq "id"`, `members pr`: some membership row matches. */
export function membershipLeaf(scope: Scope, path: BoundPath): LeafCompiler {
  const sub = path.subAttribute;
  const needsDisplay = sub?.name.toLowerCase() === 'display';
  const target = (m: string): ScalarTarget | undefined => (sub ? membershipOf(scope).sub(m, sub) : undefined);
  return {
    compare: (op, value) => rows(scope, needsDisplay, (m) => scalarCompare(target(m) as ScalarTarget, op, value, scope.dialect)),
    present: () => rows(scope, needsDisplay, (m) => {
      const t = target(m);
      return t ? scalarPresent(t) : TRUE_SQL;
    }),
  };
}

/** `members[type eq "User" and value eq "id"]`: one membership row satisfies the inner filter. */
export function membershipValuePath(scope: Scope, inner: BoundFilter): SqlFragment {
  const membership = membershipOf(scope);
  return rows(scope, mentions(inner, 'display'), (m) => walkFilter(inner, {
    leaf: (p) => {
      const t = membership.sub(m, p.leaf);
      return { compare: (op, value) => scalarCompare(t, op, value, scope.dialect), present: () => scalarPresent(t) };
    },
  }));
}
