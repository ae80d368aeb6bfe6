import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The attribute index: one row per leaf value of a User or Group document, so that any filter
 * on any schema attribute (core, enterprise, configured extensions) compiles to an indexed SQL
 * predicate instead of a scan in JavaScript (DESIGN.md §5). Written by flattenResource
 * (attribute-index/flatten-resource.ts) in the same transaction as the document.
 *
 * `path` is the canonical lower-case attribute path ("emails.value", "name.givenname",
 * "urn:…:enterprise:2.0:user:department"). Elements of a multi-valued attribute share `elem`;
 * each element, and each singular complex value, also has a marker row whose path is the attribute
 * itself ("emails", "name"), which carries the element's own value for simple multi-valued
 * attributes. Value paths (`emails[type eq "work" and value co "x"]`) correlate the rows of one
 * element through `elem`. `value_num` holds integers, decimals, booleans (1/0) and dateTimes
 * (epoch ms), so comparisons are numeric where the schema type says so.
 */
@Entity({ name: 'scim_attribute_value' })
@Index('ix_scim_attribute_value_lookup', ['tenantId', 'resourceType', 'path', 'valueCi'])
export class AttributeValueEntity {
  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId: string;

  @PrimaryColumn({ type: 'varchar', length: 300 })
  path: string;

  @PrimaryColumn({ type: 'integer' })
  elem: number;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  /** 'User' | 'Group'. */
  @Column({ name: 'resource_type', type: 'varchar', length: 8 })
  resourceType: string;

  /** The value as a string (dateTimes normalised to ISO-8601 UTC, booleans "true"/"false"). */
  @Column({ name: 'value_str', type: 'text', nullable: true })
  valueStr: string | null;

  /** Lower-case of value_str, for caseExact=false comparisons. */
  @Column({ name: 'value_ci', type: 'text', nullable: true })
  valueCi: string | null;

  /** Numeric value for integer, decimal and boolean (1/0) attributes. */
  @Column({ name: 'value_num', type: 'decimal', nullable: true })
  valueNum: string | null;
}
