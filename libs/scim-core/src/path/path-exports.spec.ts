import * as core from '../index';
import * as path from './index';

describe('path/ public API is exported from @app/scim-core', () => {
  it.each(['parsePatchPath', 'parseAttributeList', 'parseSortBy', 'parseAttrPath', 'isForbiddenName'])('%s', (name) => {
    expect((core as Record<string, unknown>)[name]).toBe((path as Record<string, unknown>)[name]);
    expect(typeof (path as Record<string, unknown>)[name]).toBe('function');
  });
});
