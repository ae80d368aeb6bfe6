import type { AttrPath } from '../filter/ast';
import { findAttribute, findSubAttribute } from './attribute-lookup';
import type { AttributeDef, ResolvedAttribute, ResourceTypeDef, SchemaDef } from './types';

interface BoundSchema {
  def: SchemaDef;
  isExtension: boolean;
}

/**
 * The schemas and resource types a service provider serves (RFC 7643 §6, §7), and attribute-path
 * resolution against them. All lookups are case-insensitive: attribute names (RFC 7643 §2.1),
 * schema URNs and resource-type names.
 */
export class SchemaRegistry {
  private readonly schemaById = new Map<string, SchemaDef>();
  private readonly typeByName = new Map<string, ResourceTypeDef>();
  /** Known URNs, longest first, so that splitUrnPath picks the longest match. */
  private readonly urnsByLength: string[];

  constructor(
    private readonly types: readonly ResourceTypeDef[],
    private readonly schemaDefs: readonly SchemaDef[],
  ) {
    for (const schema of schemaDefs) {
      const key = schema.id.toLowerCase();
      if (this.schemaById.has(key)) throw new Error(`Duplicate schema "${schema.id}"`);
      this.schemaById.set(key, schema);
    }
    for (const type of types) {
      for (const uri of [type.schema, ...type.schemaExtensions.map((e) => e.schema)]) {
        if (!this.schemaById.has(uri.toLowerCase())) {
          throw new Error(`Resource type "${type.id}" references unknown schema "${uri}"`);
        }
      }
      this.typeByName.set(type.id.toLowerCase(), type);
      this.typeByName.set(type.name.toLowerCase(), type);
    }
    this.urnsByLength = schemaDefs.map((s) => s.id).sort((a, b) => b.length - a.length);
  }

  resourceTypes(): ResourceTypeDef[] {
    return [...this.types];
  }

  schemas(): SchemaDef[] {
    return [...this.schemaDefs];
  }

  /** The schema with this URN, matched case-insensitively. */
  schema(id: string): SchemaDef | undefined {
    return this.schemaById.get(id.toLowerCase());
  }

  findResourceType(name: string): ResourceTypeDef | undefined {
    return this.typeByName.get(name.toLowerCase());
  }

  /** Throws a plain Error for an unknown name: resource types are chosen by code, not clients. */
  resourceType(name: string): ResourceTypeDef {
    const type = this.findResourceType(name);
    if (!type) throw new Error(`Unknown resource type "${name}"`);
    return type;
  }

  extensionUris(resourceType: string): string[] {
    return this.resourceType(resourceType).schemaExtensions.map((e) => e.schema);
  }

  /**
   * Resolves `[uri:]attr[.sub]` for a resource type. A URN-qualified path looks only in that
   * schema; a bare name looks in the core schema first, then in each extension in declaration
   * order, so Entra's bare `manager` / `department` reach the enterprise extension
   * (entra-scim.md Q9). Returns undefined when nothing matches.
   */
  resolve(resourceType: string, path: AttrPath): ResolvedAttribute | undefined {
    const schemas = this.boundSchemas(resourceType);
    if (path.uri !== undefined) {
      const wanted = path.uri.toLowerCase();
      const bound = schemas.find((s) => s.def.id.toLowerCase() === wanted);
      return bound ? resolveIn(bound, path) : this.resolveSplitAgain(schemas, path);
    }
    for (const bound of schemas) {
      if (findAttribute(bound.def.attributes, path.attr)) return resolveIn(bound, path);
    }
    return undefined;
  }

  resolveSub(parent: AttributeDef, name: string): AttributeDef | undefined {
    return findSubAttribute(parent, name);
  }

  /**
   * Splits `urn:…:enterprise:2.0:User:manager.value` into the KNOWN schema URN (canonical
   * casing, longest case-insensitive match) and the attribute path after it. Also accepts
   * Entra's pre-2018 form with "." after the URN (entra-scim.md §4, "Extension attributes use
   * dot"). Text that equals a URN gives `rest: ''`; text without a known URN gives no `uri`.
   */
  splitUrnPath(text: string): { uri?: string; rest: string } {
    const lower = text.toLowerCase();
    for (const urn of this.urnsByLength) {
      if (!lower.startsWith(urn.toLowerCase())) continue;
      if (text.length === urn.length) return { uri: urn, rest: '' };
      const separator = text[urn.length];
      if (separator === ':' || separator === '.') return { uri: urn, rest: text.slice(urn.length + 1) };
    }
    return { rest: text };
  }

  private boundSchemas(resourceType: string): BoundSchema[] {
    const type = this.resourceType(resourceType);
    const core: BoundSchema = { def: this.schema(type.schema) as SchemaDef, isExtension: false };
    const extensions = type.schemaExtensions.map((e) => ({ def: this.schema(e.schema) as SchemaDef, isExtension: true }));
    return [core, ...extensions];
  }

  /**
   * A syntactic split ("the URN ends at the last ':'") cannot know that `urn:…:2.0:User.dept`
   * names the enterprise URN; retry with the known URNs before giving up.
   */
  private resolveSplitAgain(schemas: BoundSchema[], path: AttrPath): ResolvedAttribute | undefined {
    const text = `${path.uri}:${path.attr}${path.sub === undefined ? '' : `.${path.sub}`}`;
    const split = this.splitUrnPath(text);
    if (split.uri === undefined) return undefined;
    const bound = schemas.find((s) => s.def.id === split.uri);
    const parts = split.rest.split('.');
    if (!bound || parts.length > 2 || parts[0] === '') return undefined;
    return resolveIn(bound, parts.length === 2 ? { attr: parts[0], sub: parts[1] } : { attr: parts[0] });
  }
}

function resolveIn(bound: BoundSchema, path: AttrPath): ResolvedAttribute | undefined {
  const attribute = findAttribute(bound.def.attributes, path.attr);
  if (!attribute) return undefined;
  const prefix = bound.isExtension ? `${bound.def.id}:` : '';
  const resolved: ResolvedAttribute = {
    schemaId: bound.def.id,
    isExtension: bound.isExtension,
    attribute,
    canonicalPath: prefix + attribute.name,
  };
  if (path.sub === undefined) return resolved;
  const subAttribute = findSubAttribute(attribute, path.sub);
  if (!subAttribute) return undefined;
  return { ...resolved, subAttribute, canonicalPath: `${resolved.canonicalPath}.${subAttribute.name}` };
}
