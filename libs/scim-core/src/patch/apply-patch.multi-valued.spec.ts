import { baseResource, userCtx } from '../../test-fixtures/fixture-registry';
import type { PatchOperation } from '../messages/patch-request';
import { createDefaultRegistry } from '../schema/default-registry';
import { applyPatch } from './apply-patch';

const user = (): Record<string, unknown> => baseResource('bjensen');
const patchUser = (...ops: PatchOperation[]) => applyPatch(user(), ops, userCtx);

describe('applyPatch: multi-valued add merges equal identities (RFC 7644 §3.5.2.1)', () => {
  it.each([
    ['same value in another case (emails.value caseExact false) and same type: merged, latest casing kept', [{ value: 'BJENSEN@example.com', type: 'WORK', display: 'B' }], { value: 'BJENSEN@example.com', type: 'WORK', primary: true, display: 'B' }],
    ['same value, neither has a type', [{ value: 'babs@jensen.org', display: 'H' }], undefined],
  ])('%s', (_name, value, first) => {
    const result = patchUser({ op: 'add', path: 'emails', value });
    if (first) expect((result.resource.emails as unknown[])[0]).toEqual(first);
    else expect(result.resource.emails).toHaveLength(3);
  });

  it('a multi-valued simple attribute appends only new values', () => {
    const urn = 'urn:example:params:scim:schemas:extension:tags:2.0:User';
    const tags = { name: 'tags', type: 'string', multiValued: true, description: '', required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' } as const;
    const ctx = { registry: createDefaultRegistry([{ id: urn, name: 'Tags', description: '', attributes: [tags] }]), resourceType: 'User' };
    const once = applyPatch(user(), [{ op: 'add', path: `${urn}:tags`, value: ['a', 'b'] }], ctx).resource;
    expect(applyPatch(once, [{ op: 'add', path: `${urn}:tags`, value: ['b', 'c'] }], ctx).resource[urn]).toEqual({ tags: ['a', 'b', 'c'] });
  });
});
