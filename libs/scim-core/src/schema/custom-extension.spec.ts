import { loadCustomExtensions } from './custom-extension';

const ENTRA_CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

describe('loadCustomExtensions (RFC 7643 §3.3 extensions; Entra custom attributes, entra-scim.md §6.1)', () => {
  it('fills the RFC 7643 §2.2 defaults', () => {
    const [ext] = loadCustomExtensions(JSON.stringify([{ id: ENTRA_CUSTOM, attributes: [{ name: 'tag' }] }]));
    expect(ext.resourceType).toBe('User');
    expect(ext.required).toBe(false);
    expect(ext.schema).toEqual({
      id: ENTRA_CUSTOM,
      name: 'User',
      description: 'Custom schema extension',
      attributes: [{
        name: 'tag', type: 'string', multiValued: false, description: 'tag', required: false, caseExact: false,
        mutability: 'readWrite', returned: 'default', uniqueness: 'none',
      }],
    });
  });

  it('keeps explicit characteristics, complex sub-attributes and reference types', () => {
    const [ext] = loadCustomExtensions([{
      id: 'urn:acme:params:scim:schemas:extension:acme:2.0:User', name: 'Acme', description: 'Acme fields',
      attributes: [
        { name: 'badge', type: 'integer', required: true, caseExact: true, mutability: 'immutable', returned: 'always', uniqueness: 'server', description: 'Badge' },
        { name: 'homepage', type: 'reference' },
        { name: 'links', type: 'reference', referenceTypes: ['uri'], multiValued: true },
        { name: 'level', canonicalValues: ['a', 'b'] },
        { name: 'office', type: 'complex', subAttributes: [{ name: 'building' }, { name: 'floor', type: 'integer' }] },
      ],
    }]);
    const [badge, homepage, links, level, office] = ext.schema.attributes;
    expect(ext.schema.name).toBe('Acme');
    expect(badge).toMatchObject({ type: 'integer', required: true, caseExact: true, mutability: 'immutable', returned: 'always', uniqueness: 'server' });
    expect(homepage.referenceTypes).toEqual(['external']);
    expect(links).toMatchObject({ referenceTypes: ['uri'], multiValued: true });
    expect(level.canonicalValues).toEqual(['a', 'b']);
    expect(office.subAttributes?.map((s) => s.name)).toEqual(['building', 'floor']);
  });

  it.each<[string, unknown, string]>([
    ['invalid JSON', '[{', 'invalid JSON'],
    ['not an array', { id: ENTRA_CUSTOM }, 'expected a JSON array'],
    ['entry not an object', [42], '#1: expected an object'],
    ['missing id', [{ attributes: [{ name: 'a' }] }], '"id" must be a schema URN'],
    ['id not a URN', [{ id: 'acme', attributes: [{ name: 'a' }] }], '"id" must be a schema URN'],
    ['no attributes', [{ id: ENTRA_CUSTOM, attributes: [] }], '"attributes" must be a non-empty array'],
    ['bad attribute name', [{ id: ENTRA_CUSTOM, attributes: [{ name: '1abc' }] }], 'must match ATTRNAME'],
    ['prototype key', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'constructor' }] }], 'must match ATTRNAME'],
    ['bad type', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', type: 'text' }] }], '"type" must be one of'],
    ['bad boolean', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', multiValued: 'yes' }] }], '"multiValued" must be true or false'],
    ['bad mutability', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', mutability: 'readwrite' }] }], '"mutability" must be one of'],
    ['empty description', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', description: '' }] }], '"description" must be a non-empty string'],
    ['bad canonicalValues', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', canonicalValues: [1] }] }], 'array of strings'],
    ['referenceTypes on a string', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', referenceTypes: ['uri'] }] }], 'only allowed on reference'],
    ['subAttributes on a string', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', subAttributes: [] }] }], 'only allowed on complex'],
    ['complex without sub-attributes', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', type: 'complex' }] }], 'non-empty "subAttributes"'],
    ['complex in complex', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a', type: 'complex', subAttributes: [{ name: 'b', type: 'complex', subAttributes: [{ name: 'c' }] }] }] }], 'cannot be complex'],
    ['duplicate attribute', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a' }, { name: 'A' }] }], 'defined twice'],
    ['duplicate schema', [{ id: ENTRA_CUSTOM, attributes: [{ name: 'a' }] }, { id: ENTRA_CUSTOM.toLowerCase(), attributes: [{ name: 'a' }] }], 'defined twice'],
  ])('rejects %s with a clear Error', (_case, config, message) => {
    expect(() => loadCustomExtensions(config)).toThrow(message);
  });
});
