import examples from '../../test-fixtures/rfc7644/patch-examples.json';
import { applyPatch } from './apply-patch';
import { baseResource, expectedResource, registry } from '../../test-fixtures/fixture-registry';
import type { PatchOperation } from '../messages/patch-request';

interface Example {
  name: string;
  resourceType: string;
  base: string;
  operations: PatchOperation[];
  expect: { set: Record<string, unknown>; removed: string[] };
  memberChanges?: unknown;
  changed?: boolean;
}

describe('applyPatch: every PATCH example of RFC 7644 §3.5.2.1–§3.5.2.3', () => {
  it.each((examples as Example[]).map((e) => [e.name, e]))('%s', (_name, example) => {
    const ctx = { registry, resourceType: example.resourceType };
    const before = baseResource(example.base);
    const snapshot = structuredClone(before);

    const result = applyPatch(before, example.operations, ctx);

    expect(result.resource).toEqual(expectedResource(example.base, example.resourceType, example.expect.set, example.expect.removed));
    expect(result.memberChanges).toEqual(example.memberChanges ?? { add: [], remove: [], removeAll: false });
    expect(result.changed).toBe(example.changed ?? true);
    expect(before).toEqual(snapshot);
  });
});
