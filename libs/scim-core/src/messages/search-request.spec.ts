import { InvalidSyntaxError, InvalidValueError } from '../errors/scim-error';
import { parseSearchQuery, parseSearchRequest } from './search-request';
import { URN } from './urns';

describe('parseSearchQuery (RFC 7644 §3.4.2)', () => {
  it('Test Connection probe: filter kept as text, startIndex defaults to 1, unknown parameters ignored', () => {
    expect(parseSearchQuery({ filter: 'userName eq "7d420df3"', aadOptscim062020: '' })).toEqual({ filter: 'userName eq "7d420df3"', startIndex: 1 });
  });

  it('G3: excludedAttributes=members (names case-insensitive)', () => {
    expect(parseSearchQuery({ ExcludedAttributes: 'members', filter: 'displayName eq "x"' })).toEqual({
      excludedAttributes: ['members'],
      filter: 'displayName eq "x"',
      startIndex: 1,
    });
  });

  it('attributes are split on commas and trimmed; empty entries dropped', () => {
    expect(parseSearchQuery({ attributes: 'userName, emails,,' }).attributes).toEqual(['userName', 'emails']);
    expect(parseSearchQuery({ attributes: ' , ' }).attributes).toBeUndefined();
  });

  it('pagination (RFC 7644 §3.4.2.4): startIndex < 1 → 1, negative count → 0, count capped at maxCount', () => {
    expect(parseSearchQuery({ startIndex: '0', count: '-5' })).toEqual({ startIndex: 1, count: 0 });
    expect(parseSearchQuery({ startIndex: '11', count: '500' }, { maxCount: 100 })).toEqual({ startIndex: 11, count: 100 });
    expect(parseSearchQuery({ count: '5' })).toEqual({ startIndex: 1, count: 5 });
  });

  it('sortBy defaults sortOrder to ascending (RFC 7644 §3.4.2.3); sortOrder is case-insensitive', () => {
    expect(parseSearchQuery({ sortBy: 'userName' })).toEqual({ sortBy: 'userName', sortOrder: 'ascending', startIndex: 1 });
    expect(parseSearchQuery({ sortBy: 'userName', sortOrder: 'DESCENDING' }).sortOrder).toBe('descending');
  });

  it('a repeated parameter takes its last value; an empty filter is no filter', () => {
    expect(parseSearchQuery({ count: ['1', '2'], filter: '' })).toEqual({ startIndex: 1, count: 2 });
  });

  it('cursor mode (RFC 9865): "" asks for the first page, no startIndex', () => {
    expect(parseSearchQuery({ cursor: '', count: '10' })).toEqual({ cursor: '', count: 10 });
  });

  it.each([
    [{ startIndex: 'abc' }, /startIndex/],
    [{ count: '1.5' }, /count/],
    [{ sortOrder: 'up' }, /sortOrder/],
    [{ cursor: 'c', startIndex: '1' }, /RFC 9865/],
    [{ filter: 5 }, /filter/],
  ])('rejects %p → invalidValue', (query, detail) => {
    expect(() => parseSearchQuery(query)).toThrow(InvalidValueError);
    expect(() => parseSearchQuery(query)).toThrow(detail);
  });
});

describe('parseSearchRequest (POST /.search, RFC 7644 §3.4.3)', () => {
  it('reads the RFC example body', () => {
    const body = {
      schemas: [URN.SEARCH_REQUEST],
      attributes: ['displayName', 'userName'],
      excludedAttributes: 'emails, phoneNumbers',
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    };
    expect(parseSearchRequest(body)).toEqual({
      attributes: ['displayName', 'userName'],
      excludedAttributes: ['emails', 'phoneNumbers'],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    });
  });

  it.each([
    ['a non-object body', [], InvalidSyntaxError],
    ['a missing SearchRequest schema', { schemas: [URN.PATCH_OP] }, InvalidSyntaxError],
    ['attributes that are not strings', { schemas: [URN.SEARCH_REQUEST], attributes: [1] }, InvalidValueError],
    ['a fractional count', { schemas: [URN.SEARCH_REQUEST], count: 2.5 }, InvalidValueError],
  ])('rejects %s', (_name, body, type) => {
    expect(() => parseSearchRequest(body)).toThrow(type as never);
  });
});
