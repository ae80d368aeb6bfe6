import * as scimCore from '../index';

/** The API other modules (src/) import from '@app/scim-core' for PATCH, resources, projection, messages. */
describe('public API of patch/, resource/, projection/, messages/', () => {
  it.each([
    'applyPatch', 'normalizeEntraPatch', 'coerceResource', 'recomputeSchemas', 'isPoisonKey', 'projectResource',
    'wantsAttribute', 'ProjectionSelection', 'listResponse', 'parsePatchRequest', 'canonicalOpName', 'parseSearchQuery',
    'parseSearchRequest', 'URN', 'ENTERPRISE_URN_TYPO',
  ])('exports %s', (name) => {
    expect((scimCore as Record<string, unknown>)[name]).toBeDefined();
  });
});
