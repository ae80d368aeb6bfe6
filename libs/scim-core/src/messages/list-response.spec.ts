import { listResponse } from './list-response';

describe('listResponse (RFC 7644 §3.4.2, RFC 9865)', () => {
  it('U4: zero results is a ListResponse with Resources [] (entra-scim.md §1.3, Test Connection)', () => {
    expect(listResponse([], { totalResults: 0, startIndex: 1, itemsPerPage: 20 })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      Resources: [],
      startIndex: 1,
      itemsPerPage: 20,
    });
  });

  it('itemsPerPage defaults to the page size; Resources has a capital R', () => {
    const body = listResponse([{ id: 'a' }, { id: 'b' }], { totalResults: 11, startIndex: 6 });
    expect(body.itemsPerPage).toBe(2);
    expect(Object.keys(body)).toEqual(['schemas', 'totalResults', 'Resources', 'itemsPerPage', 'startIndex']);
  });

  it('cursor mode (RFC 9865): nextCursor / previousCursor, no startIndex', () => {
    expect(listResponse([{ id: 'a' }], { totalResults: 3, nextCursor: 'c2', previousCursor: 'c0' })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      Resources: [{ id: 'a' }],
      itemsPerPage: 1,
      nextCursor: 'c2',
      previousCursor: 'c0',
    });
  });
});
