import { InvalidSyntaxError, InvalidValueError } from '../errors/scim-error';
import { canonicalOpName, parsePatchRequest } from './patch-request';
import { URN } from './urns';

const ok = (Operations: unknown, schemas: unknown = [URN.PATCH_OP]) => parsePatchRequest({ schemas, Operations });

describe('parsePatchRequest (RFC 7644 §3.5.2)', () => {
  it('accepts schemas after Operations (entra-scim.md U7) and keeps op as sent (Q1)', () => {
    const body = JSON.parse(`{"Operations":[{"op":"Replace","path":"active","value":false}],"schemas":["${URN.PATCH_OP}"]}`);
    expect(parsePatchRequest(body)).toEqual([{ op: 'Replace', path: 'active', value: false }]);
  });

  it('matches the PatchOp URN case-insensitively among other schemas', () => {
    expect(ok([{ op: 'remove', path: 'x' }], ['urn:other', URN.PATCH_OP.toUpperCase()])).toEqual([{ op: 'remove', path: 'x' }]);
  });

  it('keeps value null / "" (Q12) and a path-less value (Q4); an empty or null path means no path', () => {
    expect(ok([{ op: 'Replace', path: 'title', value: '' }, { op: 'replace', path: null, value: { a: 1 } }, { op: 'add', path: ' ', value: { b: 1 } }, { op: 'remove', path: 'x', value: null }])).toEqual([
      { op: 'Replace', path: 'title', value: '' },
      { op: 'replace', value: { a: 1 } },
      { op: 'add', value: { b: 1 } },
      { op: 'remove', path: 'x', value: null },
    ]);
  });

  it.each([
    ['a body that is not an object', 'x', InvalidSyntaxError, /JSON object/],
    ['a missing schemas', { Operations: [] }, InvalidSyntaxError, /schemas/],
    ['schemas without the PatchOp URN', { schemas: [URN.USER], Operations: [{ op: 'add', value: {} }] }, InvalidSyntaxError, /PatchOp/],
    ['a missing Operations', { schemas: [URN.PATCH_OP] }, InvalidSyntaxError, /missing "Operations"/],
    ['Operations that is not an array', { schemas: [URN.PATCH_OP], Operations: {} }, InvalidSyntaxError, /must be an array/],
    ['an empty Operations array (validator, scimmy #59)', { schemas: [URN.PATCH_OP], Operations: [] }, InvalidValueError, /at least one/],
    ['an operation that is not an object', { schemas: [URN.PATCH_OP], Operations: ['add'] }, InvalidSyntaxError, /Operations\[0\] must be a JSON object/],
    ['a missing op', { schemas: [URN.PATCH_OP], Operations: [{ path: 'x' }] }, InvalidSyntaxError, /Operations\[0\]\.op/],
    ['an unknown op', { schemas: [URN.PATCH_OP], Operations: [{ op: 'copy', path: 'x' }] }, InvalidValueError, /"copy"/],
    ['a path that is not a string', { schemas: [URN.PATCH_OP], Operations: [{ op: 'remove', path: 5 }] }, InvalidSyntaxError, /path must be a string/],
    ['add without value', { schemas: [URN.PATCH_OP], Operations: [{ op: 'Add', path: 'x' }] }, InvalidValueError, /§3\.5\.2\.1/],
    ['replace without value', { schemas: [URN.PATCH_OP], Operations: [{ op: 'replace', path: 'x' }] }, InvalidValueError, /§3\.5\.2\.3/],
  ])('rejects %s', (_name, body, type, detail) => {
    expect(() => parsePatchRequest(body)).toThrow(type as never);
    expect(() => parsePatchRequest(body)).toThrow(detail as RegExp);
  });

  it('reads only own properties (a poison "op" on the prototype is never seen)', () => {
    const op = Object.create({ op: 'add', value: 1 }) as object;
    expect(() => ok([op])).toThrow(InvalidSyntaxError);
  });

  it.each([
    ['Add', 'add'],
    ['REPLACE', 'replace'],
    ['remove', 'remove'],
    ['move', undefined],
    [5, undefined],
  ])('canonicalOpName(%p) = %p', (input, expected) => {
    expect(canonicalOpName(input)).toBe(expected);
  });
});
