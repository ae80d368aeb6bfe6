import examples from '../../test-fixtures/entra/patch-examples.json';
import { baseResource, expectedResource, registry } from '../../test-fixtures/fixture-registry';
import { parsePatchRequest } from '../messages/patch-request';
import { applyPatch } from './apply-patch';
import { normalizeEntraPatch } from './normalize-entra-patch';

interface Example {
  name: string;
  resourceType: string;
  base: string;
  body: unknown;
  expect: { set: Record<string, unknown>; removed: string[] };
  quirks: string[];
  memberChanges?: unknown;
  changed?: boolean;
}

/**
 * Every Entra PATCH payload of entra-scim.md §2 (U5–U7, G4–G6, Example 5) and §4 (Q1–Q12),
 * through the real pipeline: parsePatchRequest → normalizeEntraPatch → applyPatch.
 * (Q13 is about HTTP headers and has no PATCH body.)
 */
describe('Entra PATCH payloads (entra-scim.md §2, §4) end to end', () => {
  it.each((examples as Example[]).map((e) => [e.name, e]))('%s', (_name, example) => {
    const ctx = { registry, resourceType: example.resourceType };
    const before = baseResource(example.base);
    const snapshot = structuredClone(before);

    const normalized = normalizeEntraPatch(parsePatchRequest(example.body), ctx);
    const result = applyPatch(before, normalized.operations, ctx);

    expect(result.resource).toEqual(expectedResource(example.base, example.resourceType, example.expect.set, example.expect.removed));
    expect([...normalized.quirks].sort()).toEqual(example.quirks);
    expect(result.memberChanges).toEqual(example.memberChanges ?? { add: [], remove: [], removeAll: false });
    expect(result.changed).toBe(example.changed ?? true);
    expect(before).toEqual(snapshot);
  });

  it.each((examples as Example[]).map((e) => [e.name, e]))('normalized output is a fixed point: %s', (_name, example) => {
    const ctx = { registry, resourceType: example.resourceType };
    const once = normalizeEntraPatch(parsePatchRequest(example.body), ctx);
    const twice = normalizeEntraPatch(once.operations, ctx);
    expect(twice.operations).toEqual(once.operations);
    expect(twice.quirks.filter((q) => !['Q5-filter-upsert', 'Q3-add-single-valued', 'Q10-stringified-role-value'].includes(q))).toEqual([]);
  });
});
