import { createDefaultRegistry } from '../src/schema/default-registry';
import { loadCustomExtensions } from '../src/schema/custom-extension';

/** A User extension with one attribute of every type, for evaluator specs. */
export const TEST_URN = 'urn:test:params:scim:schemas:extension:Test:2.0:User';

export const typedRegistry = createDefaultRegistry(loadCustomExtensions([{
  id: TEST_URN,
  attributes: [
    { name: 'level', type: 'integer' },
    { name: 'score', type: 'decimal' },
    { name: 'hired', type: 'dateTime' },
    { name: 'badge', type: 'binary', caseExact: true },
    { name: 'tags', multiValued: true },
    { name: 'code', caseExact: true },
    { name: 'secret', returned: 'never' },
    { name: 'office', type: 'complex', subAttributes: [{ name: 'building' }, { name: 'pin', returned: 'never' }] },
  ],
}]));

export const userCtx = { registry: typedRegistry, resourceType: 'User' };
export const groupCtx = { registry: typedRegistry, resourceType: 'Group' };
