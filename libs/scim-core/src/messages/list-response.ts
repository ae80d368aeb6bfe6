import { URN } from './urns';

/** The ListResponse message (RFC 7644 §3.4.2; cursor fields from RFC 9865 §4). */
export interface ListResponse<T> {
  schemas: [typeof URN.LIST_RESPONSE];
  totalResults: number;
  /** Capital R, as RFC 7644 §3.4.2 and Entra (entra-scim.md §1.4) require. */
  Resources: T[];
  startIndex?: number;
  itemsPerPage: number;
  nextCursor?: string;
  previousCursor?: string;
}

export interface ListPage {
  totalResults: number;
  /** 1-based index of the first result (RFC 7644 §3.4.2.4); omitted in cursor mode. */
  startIndex?: number;
  /** Defaults to the number of resources on this page. */
  itemsPerPage?: number;
  /** RFC 9865: present when more results follow. */
  nextCursor?: string;
  previousCursor?: string;
}

/**
 * Builds a ListResponse (RFC 7644 §3.4.2). A query with no match is still a ListResponse with
 * `totalResults: 0` and `Resources: []`, never a 404 (entra-scim.md §1.3, Test Connection).
 */
export function listResponse<T>(resources: T[], page: ListPage): ListResponse<T> {
  const body: ListResponse<T> = {
    schemas: [URN.LIST_RESPONSE],
    totalResults: page.totalResults,
    Resources: resources,
    itemsPerPage: page.itemsPerPage ?? resources.length,
  };
  if (page.startIndex !== undefined) body.startIndex = page.startIndex;
  if (page.nextCursor !== undefined) body.nextCursor = page.nextCursor;
  if (page.previousCursor !== undefined) body.previousCursor = page.previousCursor;
  return body;
}
