import { parseValueFilter } from '../filter/filter-parser';
import { printFilter } from '../filter/filter-printer';
import { registry } from '../../test-fixtures/fixture-registry';
import { canonicalizeFilter, upsertSeed } from './value-filter-rules';

const emails = registry.resolve('User', { attr: 'emails' })!.attribute;
const roles = registry.resolve('User', { attr: 'roles' })!.attribute;

describe('canonicalizeFilter (RFC 7643 §2.1 case-insensitive names, entra-scim.md Q2/Q5)', () => {
  it.each([
    ['Type eq "work" and Primary eq "True"', 'type eq "work" and primary eq true', true, true],
    ['not (VALUE pr) or display eq "x"', 'not (value pr) or display eq "x"', true, false],
    ['primary eq "maybe"', 'primary eq "maybe"', false, false],
    ['primary eq false', 'primary eq false', false, false],
    ['unknown eq "x"', 'unknown eq "x"', false, false],
  ])('%s → %s', (input, output, mixedCase, stringBoolean) => {
    const notes = { mixedCase: false, stringBoolean: false };
    expect(printFilter(canonicalizeFilter(parseValueFilter(input), emails, notes))).toBe(output);
    expect(notes).toEqual({ mixedCase, stringBoolean });
  });

  it('leaves nested value paths alone', () => {
    const nested = { kind: 'valuePath', path: { attr: 'x' }, filter: parseValueFilter('a eq 1') } as const;
    expect(canonicalizeFilter(nested, emails, { mixedCase: false, stringBoolean: false })).toBe(nested);
  });
});

describe('upsertSeed: what a PATCH creates when the filter matches nothing (entra-scim.md Q5)', () => {
  it.each([
    ['type eq "work"', emails, { type: 'work' }],
    ['TYPE eq "work"', emails, { type: 'work' }],
    ['primary eq "True"', roles, { primary: true }],
    ['primary eq true and type eq "x"', roles, { primary: true, type: 'x' }],
    ['type eq "a" and type eq "b"', emails, undefined],
    ['type eq "a" or type eq "b"', emails, undefined],
    ['primary eq false', roles, undefined],
    ['value eq "x"', emails, undefined],
    ['type sw "w"', emails, undefined],
    ['type eq 5', emails, undefined],
    ['type eq "work" and value co "x"', emails, undefined],
  ])('%s → %p', (text, parent, seed) => {
    expect(upsertSeed(parseValueFilter(text), parent)).toEqual(seed);
  });
});
