import { InvalidSyntaxError, InvalidValueError } from '../errors/scim-error';
import { getOwn, isPlainObject } from '../resource/own-properties';
import { URN } from './urns';

export type SortOrder = 'ascending' | 'descending';

/**
 * A query, from GET query parameters (RFC 7644 §3.4.2) or a POST /.search body (§3.4.3),
 * validated and normalized. Attribute lists and the filter stay text: the path and filter
 * parsers turn them into ASTs.
 */
export interface SearchRequest {
  attributes?: string[];
  excludedAttributes?: string[];
  filter?: string;
  sortBy?: string;
  /** Defaults to "ascending" when sortBy is given (RFC 7644 §3.4.2.3). */
  sortOrder?: SortOrder;
  /** 1-based; values < 1 become 1 (RFC 7644 §3.4.2.4). Absent in cursor mode. */
  startIndex?: number;
  /** Negative values become 0, values above `maxCount` are capped (RFC 7644 §3.4.2.4). */
  count?: number;
  /** RFC 9865 §3: "" asks for the first page in cursor mode. */
  cursor?: string;
}

export interface SearchLimits {
  /** The server's `filter.maxResults`; larger `count` values are capped, not rejected. */
  maxCount?: number;
}

const PARAMS = ['attributes', 'excludedAttributes', 'filter', 'sortBy', 'sortOrder', 'startIndex', 'count', 'cursor'];

/**
 * GET query parameters (RFC 7644 §3.4.2). Names match case-insensitively and unknown
 * parameters (e.g. Entra's `aadOptscim062020`, entra-scim.md §3) are ignored. A repeated
 * parameter takes its last value.
 */
export function parseSearchQuery(query: Record<string, unknown>, limits: SearchLimits = {}): SearchRequest {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(query)) {
    const name = PARAMS.find((p) => p.toLowerCase() === key.toLowerCase());
    if (!name) continue;
    const raw = query[key];
    picked[name] = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  }
  return normalizeSearch(picked, limits);
}

/** A POST /.search body (RFC 7644 §3.4.3): `schemas` must contain the SearchRequest URN. */
export function parseSearchRequest(body: unknown, limits: SearchLimits = {}): SearchRequest {
  if (!isPlainObject(body)) throw new InvalidSyntaxError('SearchRequest body must be a JSON object (RFC 7644 §3.4.3)');
  const schemas = getOwn(body, 'schemas');
  const wanted = URN.SEARCH_REQUEST.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === wanted)) {
    throw new InvalidSyntaxError(`"schemas" must contain "${URN.SEARCH_REQUEST}" (RFC 7644 §3.4.3)`);
  }
  const picked: Record<string, unknown> = {};
  for (const name of PARAMS) picked[name] = getOwn(body, name);
  return normalizeSearch(picked, limits);
}

function normalizeSearch(raw: Record<string, unknown>, limits: SearchLimits): SearchRequest {
  const request: SearchRequest = {};
  const attributes = attributeList(raw.attributes, 'attributes');
  if (attributes) request.attributes = attributes;
  const excluded = attributeList(raw.excludedAttributes, 'excludedAttributes');
  if (excluded) request.excludedAttributes = excluded;
  const filter = optionalText(raw.filter, 'filter');
  if (filter !== undefined && filter.trim() !== '') request.filter = filter;
  const sortBy = optionalText(raw.sortBy, 'sortBy');
  if (sortBy !== undefined && sortBy.trim() !== '') request.sortBy = sortBy.trim();
  const sortOrder = parseSortOrder(raw.sortOrder);
  if (sortOrder) request.sortOrder = sortOrder;
  else if (request.sortBy) request.sortOrder = 'ascending';
  applyPaging(request, raw, limits);
  return request;
}

function applyPaging(request: SearchRequest, raw: Record<string, unknown>, limits: SearchLimits): void {
  const cursor = optionalText(raw.cursor, 'cursor');
  const startIndex = optionalInteger(raw.startIndex, 'startIndex');
  if (cursor !== undefined && startIndex !== undefined) {
    throw new InvalidValueError('"cursor" and "startIndex" cannot be combined (RFC 9865 §3)');
  }
  if (cursor !== undefined) request.cursor = cursor;
  else request.startIndex = Math.max(1, startIndex ?? 1);
  const count = optionalInteger(raw.count, 'count');
  if (count !== undefined) {
    const nonNegative = Math.max(0, count);
    request.count = limits.maxCount === undefined ? nonNegative : Math.min(nonNegative, limits.maxCount);
  }
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidValueError(`"${name}" must be a string`);
  return value;
}

function optionalInteger(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new InvalidValueError(`"${name}" must be an integer (RFC 7644 §3.4.2.4)`);
  }
  return number;
}

function parseSortOrder(value: unknown): SortOrder | undefined {
  const text = optionalText(value, 'sortOrder');
  if (text === undefined || text === '') return undefined;
  const lower = text.toLowerCase();
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw new InvalidValueError(`"sortOrder" must be "ascending" or "descending" (RFC 7644 §3.4.2.3), got "${text}"`);
}

/** `"userName, emails"` or `["userName","emails"]` → trimmed names (RFC 7644 §3.4.2.5). */
function attributeList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(parts) || parts.some((p) => typeof p !== 'string')) {
    throw new InvalidValueError(`"${name}" must be a comma-separated string or an array of strings`);
  }
  const names = (parts as string[]).flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  return names.length > 0 ? names : undefined;
}
