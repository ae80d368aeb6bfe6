import type { AttrPath } from '../filter/ast';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { AttributeDef } from '../schema/types';

/** The `attributes` / `excludedAttributes` query parameters (RFC 7644 §3.4.2.5), parsed. */
export interface ProjectionRequest {
  attributes?: AttrPath[];
  excludedAttributes?: AttrPath[];
}

export interface ProjectionContext {
  registry: SchemaRegistry;
  resourceType: string;
}

/** Which parts of one top-level attribute a list names: all of it, or some sub-attributes. */
interface Named {
  whole: boolean;
  subs: Set<string>;
}

/**
 * The attribute lists resolved against the schemas: keys are `<schema URN>|<attribute name>`
 * in lower case (names are case-insensitive, RFC 7643 §2.1). Unknown names are ignored: RFC 7644
 * §3.4.2.5 defines no error for them and a client asking for an attribute we do not have should
 * simply not get it.
 */
export class ProjectionSelection {
  /** true when `attributes` was given: it overrides the defaults and excludedAttributes. */
  readonly explicit: boolean;
  private readonly named = new Map<string, Named>();

  constructor(request: ProjectionRequest, private readonly ctx: ProjectionContext) {
    this.explicit = (request.attributes?.length ?? 0) > 0;
    const list = this.explicit ? request.attributes : request.excludedAttributes;
    for (const path of list ?? []) this.addPath(path);
  }

  /** 'whole' / 'some' / 'none': how much of the attribute the list names. */
  naming(schemaId: string, attr: AttributeDef): Named | undefined {
    if (this.named.size === 0) return undefined; // no list: the common case, no key to build
    return this.named.get(key(schemaId, attr.name));
  }

  private addPath(path: AttrPath): void {
    const { registry, resourceType } = this.ctx;
    const extension = this.wholeExtension(path);
    if (extension) {
      for (const attr of registry.schema(extension)?.attributes ?? []) this.entry(extension, attr.name).whole = true;
      return;
    }
    const resolved = registry.resolve(resourceType, path);
    if (!resolved) return;
    const entry = this.entry(resolved.schemaId, resolved.attribute.name);
    if (resolved.subAttribute) entry.subs.add(resolved.subAttribute.name.toLowerCase());
    else entry.whole = true;
  }

  /** `attributes=urn:…:enterprise:2.0:User` names the whole extension. */
  private wholeExtension(path: AttrPath): string | undefined {
    if (path.uri === undefined || path.sub !== undefined) return undefined;
    const split = this.ctx.registry.splitUrnPath(`${path.uri}:${path.attr}`);
    if (split.uri === undefined || split.rest !== '') return undefined;
    const extensions = this.ctx.registry.extensionUris(this.ctx.resourceType);
    return extensions.find((uri) => uri === split.uri);
  }

  private entry(schemaId: string, name: string): Named {
    const k = key(schemaId, name);
    let entry = this.named.get(k);
    if (!entry) {
      entry = { whole: false, subs: new Set() };
      this.named.set(k, entry);
    }
    return entry;
  }
}

function key(schemaId: string, name: string): string {
  return `${schemaId}|${name}`.toLowerCase();
}
