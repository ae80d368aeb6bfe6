import { URN } from '../messages/urns';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { ResolvedAttribute } from '../schema/types';

/**
 * Entra's create example spells the enterprise URN without the colon before "User"
 * (`…:enterprise:2.0User`, entra-scim.md §2 Example 2). Read it as the real URN.
 */
export const ENTERPRISE_URN_TYPO = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User';

/** What a top-level key of a resource body stands for. */
export type ResourceKey =
  | { kind: 'extension'; uri: string; typo: boolean }
  | { kind: 'attribute'; resolved: ResolvedAttribute; unqualifiedExtension: boolean }
  | { kind: 'unknown' };

/** The extension URN a key names (case-insensitive), or undefined. */
export function extensionUriForKey(registry: SchemaRegistry, resourceType: string, key: string): string | undefined {
  const lower = key.toLowerCase();
  const uris = registry.extensionUris(resourceType);
  if (lower === ENTERPRISE_URN_TYPO.toLowerCase() && uris.includes(URN.ENTERPRISE_USER)) return URN.ENTERPRISE_USER;
  return uris.find((uri) => uri.toLowerCase() === lower);
}

/**
 * Classifies a top-level key: an extension object (`urn:…:enterprise:2.0:User`), a URN-qualified
 * attribute (`urn:…:User:department`), or a bare attribute name, which the registry looks up in
 * the core schema first and then in the extensions, so Entra's top-level `department` and
 * `manager` land in the enterprise extension (Q6, §2 Example 2). Dotted keys are not attribute
 * names in a resource body and come back unknown.
 */
export function classifyResourceKey(registry: SchemaRegistry, resourceType: string, key: string): ResourceKey {
  const extension = extensionUriForKey(registry, resourceType, key);
  if (extension) return { kind: 'extension', uri: extension, typo: key.toLowerCase() === ENTERPRISE_URN_TYPO.toLowerCase() };
  const split = registry.splitUrnPath(key);
  const name = split.rest;
  if (name === '' || name.includes('.') || name.includes(':')) return { kind: 'unknown' };
  const resolved = registry.resolve(resourceType, split.uri === undefined ? { attr: name } : { uri: split.uri, attr: name });
  if (!resolved) return { kind: 'unknown' };
  return { kind: 'attribute', resolved, unqualifiedExtension: resolved.isExtension && split.uri === undefined };
}
