/**
 * sortBy on attributes kept in dedicated columns: the column to order by, or null when the
 * attribute cannot be sorted. Keys are lower-case `attr` or `attr.sub`.
 */
export const DEDICATED_SORT_COLUMNS: Readonly<Record<'User' | 'Group', Readonly<Record<string, string | null>>>> = {
  User: {
    id: 'id',
    username: 'user_name_ci',
    externalid: 'external_id',
    active: 'active',
    'meta.created': 'created_at',
    'meta.lastmodified': 'updated_at',
    'meta.version': 'version',
    'meta.resourcetype': null,
    'meta.location': null,
  },
  Group: {
    id: 'id',
    displayname: 'display_name_ci',
    externalid: 'external_id',
    'meta.created': 'created_at',
    'meta.lastmodified': 'updated_at',
    'meta.version': 'version',
    'meta.resourcetype': null,
    'meta.location': null,
  },
};
