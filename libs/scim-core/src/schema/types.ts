/** Attribute and schema definitions (RFC 7643 §2.2, §7). */
export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

export interface SchemaExtensionRef {
  schema: string;
  required: boolean;
}

export interface ResourceTypeDef {
  id: string; // "User" | "Group"
  name: string;
  endpoint: string; // "/Users"
  description: string;
  schema: string; // core schema URN
  schemaExtensions: SchemaExtensionRef[];
}

/**
 * The result of resolving an attribute path against a resource type's schemas. Names are
 * canonical (the casing of the definition), whatever casing the client used.
 */
export interface ResolvedAttribute {
  /** URN of the schema that defines the attribute. */
  schemaId: string;
  /** True when the schema is an extension (its attributes live under the URN key). */
  isExtension: boolean;
  /** The top-level attribute. */
  attribute: AttributeDef;
  /** The sub-attribute, when the path names one. */
  subAttribute?: AttributeDef;
  /**
   * Canonical dotted path: "userName", "name.givenName", "emails.value", and for extension
   * attributes "<urn>:department" / "<urn>:manager.value".
   */
  canonicalPath: string;
}
