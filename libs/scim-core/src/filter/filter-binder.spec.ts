import { URN } from '../messages/urns';
import { createDefaultRegistry } from '../schema/default-registry';
import { bindFilter, type BoundFilter } from './filter-binder';
import { parseDateTime } from './filter-literal';
import { parseFilter } from './filter-parser';

const ctx = { registry: createDefaultRegistry(), resourceType: 'User' };
const bind = (text: string): BoundFilter => bindFilter(parseFilter(text), ctx);

describe('bindFilter — the bound form shared by the evaluator and the SQL compiler', () => {
  it('rewrites ne to not(eq) and null comparisons to pr', () => {
    expect(bind('userName ne "x"')).toMatchObject({ kind: 'not', filter: { kind: 'compare', op: 'eq', value: 'x' } });
    expect(bind('userName eq null')).toMatchObject({ kind: 'not', filter: { kind: 'present' } });
    expect(bind('userName ne null')).toMatchObject({ kind: 'present', path: { canonicalPath: 'userName' } });
  });

  it('resolves canonical paths, the implicit value sub-attribute and extension containers', () => {
    expect(bind('EMAILS eq "a"')).toMatchObject({ kind: 'compare', path: { canonicalPath: 'emails.value', subAttribute: { name: 'value' } } });
    expect(bind('emails pr')).toMatchObject({ kind: 'present', path: { canonicalPath: 'emails', leaf: { name: 'emails' } } });
    expect(bind('manager eq "m"')).toMatchObject({
      path: { extensionUri: URN.ENTERPRISE_USER, canonicalPath: `${URN.ENTERPRISE_USER}:manager.value` },
    });
    expect(bind('userName pr')).not.toHaveProperty('path.extensionUri');
  });

  it('binds literals to the attribute type', () => {
    expect(bind('active eq "False"')).toMatchObject({ value: false });
    expect(bind('meta.created gt "2011-05-13T04:42:34Z"')).toMatchObject({ value: Date.UTC(2011, 4, 13, 4, 42, 34) });
    expect(bind('externalId eq 12')).toMatchObject({ value: '12' });
  });

  it('binds value paths relative to the multi-valued attribute', () => {
    expect(bind('emails[type eq "work"]')).toMatchObject({
      kind: 'valuePath',
      path: { canonicalPath: 'emails' },
      filter: { kind: 'compare', path: { canonicalPath: 'type', leaf: { name: 'type' } } },
    });
  });
});

describe('parseDateTime — RFC 7643 §2.3.5 dateTime', () => {
  it.each<[string, number | undefined]>([
    ['2011-05-13T04:42:34Z', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2011-05-13T04:42:34.5Z', Date.UTC(2011, 4, 13, 4, 42, 34, 500)],
    ['2011-05-13T06:42:34+02:00', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2011-05-13T04:42:34', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2011-05-13', undefined],
    ['2011-13-45T99:00:00Z', undefined],
    ['2012-02-29T00:00:00Z', Date.UTC(2012, 1, 29)],
    ['2011-02-29T00:00:00Z', undefined],
    ['2011-04-31T00:00:00Z', undefined],
    ['2011-00-10T00:00:00Z', undefined],
    ['2011-05-00T00:00:00Z', undefined],
    ['2011-05-13T24:00:00Z', undefined],
    ['2011-05-13T23:60:00Z', undefined],
    ['2011-05-13T23:59:60Z', undefined],
    ['2011-05-13T23:59:59+24:00', undefined],
    ['2011-05-13T23:59:59+01:60', undefined],
    ['2011-05-13T04:42:34.123456Z', Date.UTC(2011, 4, 13, 4, 42, 34, 123)],
    ['May 13 2011', undefined],
    ['', undefined],
  ])('%j → %s', (text, expected) => expect(parseDateTime(text)).toBe(expected));
});
