/**
 * Filter AST (RFC 7644 §3.4.2.2). Attribute names are kept as the client wrote them; resolution
 * against the schema (canonical casing, caseExact, type) happens in the evaluator and SQL compiler.
 */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterLiteral = string | number | boolean | null;

/** attrPath = [URI ":"] ATTRNAME *1subAttr */
export interface AttrPath {
  /** Schema URN prefix, when the path was fully qualified. */
  uri?: string;
  attr: string;
  sub?: string;
}

export interface CompareFilter {
  kind: 'compare';
  path: AttrPath;
  op: CompareOperator;
  value: FilterLiteral;
}
export interface PresentFilter {
  kind: 'present';
  path: AttrPath;
}
export interface LogicalFilter {
  kind: 'and' | 'or';
  left: Filter;
  right: Filter;
}
export interface NotFilter {
  kind: 'not';
  filter: Filter;
}
/**
 * valuePath = attrPath "[" valFilter "]". Paths inside `filter` are relative to the elements of
 * the multi-valued attribute (`type`, `value` …). `path.sub` is never set here: the Entra form
 * `emails[type eq "work"].value eq "x"` is desugared by the parser into
 * `emails[type eq "work" and value eq "x"]`.
 */
export interface ValuePathFilter {
  kind: 'valuePath';
  path: AttrPath;
  filter: Filter;
}

export type Filter = CompareFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

/** Parser limits (reliability-plan.md §0.5): exceeding any → InvalidFilterError. */
export const FILTER_LIMITS = { maxLength: 4096, maxDepth: 32, maxTerms: 200 } as const;
