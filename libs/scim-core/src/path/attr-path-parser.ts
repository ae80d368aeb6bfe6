import { InvalidPathError } from '../errors/scim-error';
import type { AttrPath } from '../filter/ast';
import { FILTER_LIMITS } from '../filter/ast';
import { splitAttrPath } from '../filter/attr-path-text';

/**
 * Keys that would reach Object.prototype when used as property names (reliability-plan.md §0.4;
 * scim-patch@0.8.3 was polluted through them). Rejected in any casing: resolution is
 * case-insensitive, so `Constructor` would otherwise reach the same key.
 */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name.toLowerCase());
}

/** Throws InvalidPathError for a non-string or over-long path (same cap as filters). */
export function checkPathText(text: unknown, what: string): string {
  if (typeof text !== 'string') throw new InvalidPathError(`The ${what} must be a string`);
  if (text.length > FILTER_LIMITS.maxLength) {
    throw new InvalidPathError(`The ${what} is ${text.length} characters long; the limit is ${FILTER_LIMITS.maxLength}`);
  }
  return text;
}

/** `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 §3.10) → AttrPath, or InvalidPathError. */
export function parseAttrPath(text: string, what = 'attribute path'): AttrPath {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidPathError(`The ${what} is empty`);
  const path = splitAttrPath(trimmed);
  if (typeof path === 'string') throw new InvalidPathError(`Invalid ${what} '${trimmed}': ${path}`);
  guardNames(path.attr, path.sub);
  return path;
}

/** Rejects prototype keys as attribute or sub-attribute names. */
export function guardNames(...names: (string | undefined)[]): void {
  for (const name of names) {
    if (name !== undefined && isForbiddenName(name)) {
      throw new InvalidPathError(`'${name}' is not allowed as an attribute name`);
    }
  }
}
