import * as core from '../index';
import * as filter from './index';

describe('filter/ public API is exported from @app/scim-core', () => {
  it.each(['parseFilter', 'parseValueFilter', 'printFilter', 'formatAttrPath', 'evaluateFilter', 'evaluateValueFilter',
    'compileFilter', 'bindFilter', 'bindValueFilter', 'parseDateTime', 'tokenize', 'splitAttrPath', 'FILTER_LIMITS'])('%s', (name) => {
    expect((filter as Record<string, unknown>)[name]).toBeDefined();
    expect((core as Record<string, unknown>)[name]).toBe((filter as Record<string, unknown>)[name]);
  });
});
